namespace EdgeGateway.Uplink.Platforms;

/// <summary>An analyzer routine a platform may start (HJ 212 CN 3011-3013, 3024).</summary>
public enum PlatformRoutine
{
    /// <summary>3011 with CalibrationType=0 (2025), or 3011 in 2017 where the profile has one calibration routine.</summary>
    ZeroCalibration,

    /// <summary>3011 with CalibrationType=1 (2025).</summary>
    SpanCalibration,

    /// <summary>3012: take a sample now.</summary>
    ImmediateSampling,

    /// <summary>3013: cleaning or blow-back.</summary>
    Cleaning,

    /// <summary>3024 (2025): a standard check.</summary>
    StandardCheck,
}
