namespace EdgeGateway.Hj212.Codes;

/// <summary>
/// Data flag of a value (<c>xxxxxx-Flag</c>), HJ 212-2017 Table 8. Each member's numeric value is its letter's
/// character code, so <c>(char)flag</c> is the letter on the wire.
/// </summary>
/// <remarks>The standard calls the table extendable; a letter outside it stays a string in the packet model.</remarks>
public enum Hj212DataFlag
{
    /// <summary>N: the instrument is working normally.</summary>
    Normal = 'N',

    /// <summary>F: the instrument is stopped, out of operation (停运).</summary>
    Stopped = 'F',

    /// <summary>M: the value was produced during maintenance (维护期间).</summary>
    Maintenance = 'M',

    /// <summary>S: a manually entered set value (手工输入的设定值).</summary>
    ManualValue = 'S',

    /// <summary>D: instrument fault (故障).</summary>
    Fault = 'D',

    /// <summary>C: the instrument is calibrating (校准状态).</summary>
    Calibration = 'C',

    /// <summary>T: the sampled value is above the measuring upper limit (超过测量上限).</summary>
    OverRange = 'T',

    /// <summary>B: communication between instrument and data logger failed (与数采仪通讯异常).</summary>
    CommunicationFault = 'B',
}
