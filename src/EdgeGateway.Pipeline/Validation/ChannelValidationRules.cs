namespace EdgeGateway.Pipeline.Validation;

/// <summary>Per-channel plausibility checks beyond the profile's measuring range. All are off unless configured.</summary>
public sealed record ChannelValidationRules
{
    public static ChannelValidationRules None { get; } = new();

    /// <summary>A value that has not changed at all for this long is flagged D (stuck analyzer output); null: off.</summary>
    public TimeSpan? StuckAfter { get; init; }

    /// <summary>A change faster than this (engineering units per second) is flagged D as a spike; null: off.</summary>
    public double? MaxRatePerSecond { get; init; }
}
