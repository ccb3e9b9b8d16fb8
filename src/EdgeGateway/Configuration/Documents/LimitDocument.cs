namespace EdgeGateway.Configuration.Documents;

/// <summary>
/// One entry of <c>limits</c>: a channel's permitted emission limit, or a preset's limits on the channels of some
/// devices (the site's permit is what counts).
/// </summary>
internal sealed class LimitDocument
{
    /// <summary>A preset from the limit preset directories (<c>ultra-low-coal-fired</c>), instead of channel, quantity, limit and unit.</summary>
    public string? Preset { get; set; }

    /// <summary>With <see cref="Preset"/>: the devices whose channels its limits apply to, matched by HJ 212 code.</summary>
    public List<string>? Devices { get; set; }

    /// <summary>The channel key, <c>device.channel</c>.</summary>
    public string? Channel { get; set; }

    /// <summary><c>realTime</c>, <c>realTimeConverted</c>, <c>hourlyAverage</c>, <c>hourlyConverted</c> or <c>dailyAverage</c>.</summary>
    public string? Quantity { get; set; }

    public double? Limit { get; set; }

    /// <summary>The limit's unit; must be the channel's unit (a mismatch is an error, not a conversion).</summary>
    public string? Unit { get; set; }

    /// <summary>The pre-warning's fraction of the limit (default 0.8); 0 for no pre-warning.</summary>
    public double? PreWarning { get; set; }

    /// <summary>The pre-warning's rolling window, e.g. <c>15m</c>.</summary>
    public string? PreWarningWindow { get; set; }

    /// <summary>How far under its threshold an alarm must fall to clear, as a fraction (default 0.05).</summary>
    public double? Hysteresis { get; set; }

    /// <summary>The device whose <c>retainSample</c> command keeps a sample when the limit is exceeded (HJ 212 CN 3015); none when absent.</summary>
    public string? Sampler { get; set; }
}
