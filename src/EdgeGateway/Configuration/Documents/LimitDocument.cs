namespace EdgeGateway.Configuration.Documents;

/// <summary>One entry of <c>limits</c>: a channel's permitted emission limit (the site's permit is what counts).</summary>
public sealed class LimitDocument
{
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
}
