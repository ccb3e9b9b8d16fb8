namespace EdgeGateway.Hj212.Codes;

/// <summary>Request answer code <c>QnRtn</c> carried by a 9011 reply, HJ 212-2017 Table 7.</summary>
public enum Hj212QnRtn
{
    /// <summary>1: the request is accepted and will be executed.</summary>
    ReadyToExecute = 1,

    /// <summary>2: the request is rejected.</summary>
    Rejected = 2,

    /// <summary>3: the password (PW) is wrong.</summary>
    PasswordWrong = 3,

    /// <summary>4: the device ID (MN) is wrong.</summary>
    MnWrong = 4,

    /// <summary>5: the system code (ST) is wrong.</summary>
    StWrong = 5,

    /// <summary>6: the Flag is wrong.</summary>
    FlagWrong = 6,

    /// <summary>7: the request ID (QN) is wrong.</summary>
    QnWrong = 7,

    /// <summary>8: the command code (CN) is wrong.</summary>
    CnWrong = 8,

    /// <summary>9: the CRC check failed.</summary>
    CrcError = 9,

    /// <summary>100: unknown error.</summary>
    UnknownError = 100,
}
