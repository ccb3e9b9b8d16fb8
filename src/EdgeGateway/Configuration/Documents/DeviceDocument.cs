namespace EdgeGateway.Configuration.Documents;

/// <summary>One analyzer on a bus.</summary>
internal sealed class DeviceDocument
{
    /// <summary>Unique on the site; channel keys are <c>{name}.{channel}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>A profile's file name without <c>.json</c>, or its model id.</summary>
    public string? Profile { get; set; }

    /// <summary>Modbus unit id, 1 to 247.</summary>
    public int? Slave { get; set; }

    public string? PollInterval { get; set; }

    public string? Timeout { get; set; }

    public int? Retries { get; set; }

    /// <summary>Polls in a row without an answer that make an outage (comm-loss); the bus's when left out.</summary>
    public int? DegradeAfterFailedCycles { get; set; }

    /// <summary>How often the device is asked during an outage; the bus's when left out.</summary>
    public string? ProbeInterval { get; set; }

    /// <summary>What of the device goes into HJ 212 data (<c>exclude</c>: channel ids kept out).</summary>
    public DeviceHj212Document? Hj212 { get; set; }

    /// <summary>Per-channel settings, by the profile's channel id.</summary>
    public Dictionary<string, ChannelSettingsDocument>? Channels { get; set; }
}
