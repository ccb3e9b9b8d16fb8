namespace EdgeGateway.Hj212.Codes;

/// <summary>Execution result code <c>ExeRtn</c> carried by a 9012 reply, HJ 212-2017 Table 6.</summary>
public enum Hj212ExeRtn
{
    /// <summary>1: executed successfully.</summary>
    Success = 1,

    /// <summary>2: execution failed, reason unknown.</summary>
    Failed = 2,

    /// <summary>3: the request's conditions are wrong (e.g. a missing or invalid parameter).</summary>
    RequestConditionError = 3,

    /// <summary>4: communication timeout.</summary>
    CommunicationTimeout = 4,

    /// <summary>5: the system is busy and cannot execute.</summary>
    SystemBusy = 5,

    /// <summary>6: system fault.</summary>
    SystemFault = 6,

    /// <summary>100: there is no data for the request.</summary>
    NoData = 100,
}
