namespace EdgeGateway.Pipeline;

/// <summary>
/// The HJ 212-2017 data flags (Table 8). The letter is what the platform receives in <c>xxxxxx-Flag</c>.
/// </summary>
public enum DataFlag : byte
{
    /// <summary>N: instrument working normally.</summary>
    N,

    /// <summary>F: instrument stopped, out of operation (停运).</summary>
    F,

    /// <summary>M: value produced during maintenance (维护).</summary>
    M,

    /// <summary>S: manually entered set value (手工输入).</summary>
    S,

    /// <summary>D: instrument fault (故障).</summary>
    D,

    /// <summary>C: instrument in calibration (校准).</summary>
    C,

    /// <summary>T: value above the measuring upper limit (超测量上限).</summary>
    T,

    /// <summary>B: communication fault between instrument and logger (通讯异常).</summary>
    B,
}
