namespace EdgeGateway.Modbus.Slave;

/// <summary>How a simulated slave misbehaves on one request.</summary>
public enum SlaveFaultKind
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>Stay silent, as a dead or unplugged analyzer does.</summary>
    NoAnswer,

    /// <summary>Answer with a wrong CRC (RTU) — line noise.</summary>
    BadCrc,

    /// <summary>Answer with an exception code.</summary>
    Exception,

    /// <summary>Answer after a delay, possibly after the master gave up.</summary>
    Slow,
}
