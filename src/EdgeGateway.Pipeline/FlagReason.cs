namespace EdgeGateway.Pipeline;

/// <summary>Why a reading carries its flag: the detail a platform engineer or technician needs behind the letter.</summary>
public enum FlagReason : byte
{
    /// <summary>Nothing to say: the reading is normal (N).</summary>
    None,

    /// <summary>B: the analyzer did not answer (timeout, CRC, mismatch), or is not asked while it is out (see <see cref="PortLost"/>).</summary>
    NoAnswer,

    /// <summary>B: the analyzer refused the read (exception answer).</summary>
    Refused,

    /// <summary>D: the registers decode to no number.</summary>
    NotANumber,

    /// <summary>D: the analyzer's status says fault.</summary>
    AnalyzerFault,

    /// <summary>D: the value has not changed for longer than the channel's stuck-value limit.</summary>
    StuckValue,

    /// <summary>D: the value jumped faster than the channel's rate-of-change limit.</summary>
    Spike,

    /// <summary>C: the analyzer's status says calibration.</summary>
    AnalyzerCalibration,

    /// <summary>C: a technician put the channel into calibration at the gateway.</summary>
    CalibrationWindow,

    /// <summary>M: the analyzer's status says maintenance.</summary>
    AnalyzerMaintenance,

    /// <summary>M: a technician put the channel or device into maintenance at the gateway.</summary>
    MaintenanceWindow,

    /// <summary>F: the analyzer's status says stopped.</summary>
    AnalyzerStopped,

    /// <summary>T: above the measuring range's upper limit.</summary>
    AboveRange,

    /// <summary>S: a value set by hand.</summary>
    ManualValue,

    /// <summary>
    /// N (the flag is kept): the reading was taken before the gateway's clock came from a trusted source (NTP, a
    /// healthy RTC or the platform), so its timestamp may be wrong. Only with an RTC configured (docs/data-quality.md).
    /// </summary>
    UntrustedTime,

    /// <summary>
    /// B: the bus's port is gone (serial adapter unplugged, TCP connection refused or dropped), so the analyzer could
    /// not be asked. Added after <see cref="UntrustedTime"/>: stored values keep their numbers.
    /// </summary>
    PortLost,

    /// <summary>
    /// D: a run-state channel's register holds a value its profile's <c>runState</c> does not list. Added after
    /// <see cref="PortLost"/>: stored values keep their numbers.
    /// </summary>
    UnknownRunState,
}
