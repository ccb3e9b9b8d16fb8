namespace EdgeGateway.Configuration.Documents;

/// <summary>
/// The site configuration as written in gateway.json (and EGW_ environment variables), before validation: every
/// value may be missing or wrong here. <see cref="GatewaySettingsResolver"/> turns it into <see cref="GatewaySettings"/>
/// or a list of <see cref="ConfigError"/>s.
/// </summary>
internal sealed class GatewayConfigDocument
{
    public string? GatewayId { get; set; }

    public SiteDocument? Site { get; set; }

    /// <summary>Where device profiles are looked up, in order; the shipped directories when absent.</summary>
    public List<string>? ProfileDirectories { get; set; }

    public List<BusDocument>? Buses { get; set; }

    public List<OutletDocument>? Outlets { get; set; }

    public UplinkDocument? Uplink { get; set; }

    /// <summary>HJ 212 platforms the gateway dials over TCP as a data logger; none when absent.</summary>
    public List<PlatformDocument>? Platforms { get; set; }

    public StorageDocument? Storage { get; set; }

    public ControlDocument? Control { get; set; }

    /// <summary>The web console's settings; the service does not run it, but --check-config checks them.</summary>
    public ConsoleDocument? Console { get; set; }

    public CalibrationDocument? Calibration { get; set; }

    public HardwareDocument? Hardware { get; set; }

    /// <summary>Where limit presets are looked up, in order; the shipped directories when absent.</summary>
    public List<string>? LimitPresetDirectories { get; set; }

    /// <summary>Emission limits watched for pre-warnings and exceedances.</summary>
    public List<LimitDocument>? Limits { get; set; }

    public LoggingDocument? Logging { get; set; }
}
