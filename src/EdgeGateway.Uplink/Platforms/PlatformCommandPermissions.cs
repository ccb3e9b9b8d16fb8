namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// Host commands a platform may give that change the cabinet (gateway.json <c>platforms[].allowCommands</c>). Reading
/// commands (1011, 1061, 1063, history, 3019/3020) and the session's own (1000, 2011/2012, 2021/2022) are always
/// allowed; a command not allowed is answered <c>QnRtn=2</c> (rejected), never with silence.
/// </summary>
[Flags]
public enum PlatformCommandPermissions
{
    None = 0,

    /// <summary>1012: set the clock. Off by default: the clock is NTP's or the RTC's.</summary>
    SetTime = 1,

    /// <summary>3011 zero/span calibration, 3024 standard check. Off by default: calibration is a technician's act.</summary>
    Calibration = 2,

    /// <summary>3012 immediate sampling, 3013 cleaning/blow-back.</summary>
    AnalyzerRoutines = 4,

    /// <summary>3015/3022: keep a sample in the sampler.</summary>
    RetainSample = 8,

    /// <summary>1062/1064: change the real-time and minute intervals.</summary>
    SetIntervals = 16,

    /// <summary>1072: set a new PW; 1002: set the MN; 1014: set a new SM4 key.</summary>
    SetIdentity = 32,

    /// <summary>3021: set analyzer information.</summary>
    SetInformation = 64,

    /// <summary>What a platform may do unless the configuration says otherwise.</summary>
    Default = AnalyzerRoutines | RetainSample | SetIntervals | SetIdentity,
}
