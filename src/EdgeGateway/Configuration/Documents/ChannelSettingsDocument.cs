namespace EdgeGateway.Configuration.Documents;

/// <summary>Site settings of one channel that differ from its profile.</summary>
internal sealed class ChannelSettingsDocument
{
    /// <summary>HJ 212 factor code, when the site uses another than the profile's.</summary>
    public string? Code { get; set; }

    /// <summary>Measuring range as installed (the analyzer may be set to a smaller range than it supports).</summary>
    public double? RangeMin { get; set; }

    public double? RangeMax { get; set; }

    /// <summary>Calibration gain applied after scaling (value = gain × measured + offset); 1 when absent.</summary>
    public double? Gain { get; set; }

    /// <summary>Calibration offset; 0 when absent.</summary>
    public double? Offset { get; set; }

    /// <summary>A value unchanged for this long is flagged as stuck, e.g. <c>30m</c>.</summary>
    public string? StuckAfter { get; set; }

    /// <summary>A change faster than this (units per second) is flagged as a spike.</summary>
    public double? MaxRatePerSecond { get; set; }
}
