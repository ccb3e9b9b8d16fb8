namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>
/// Everything an <see cref="Aggregator"/> holds between closed windows: the open minute windows with their samples,
/// the hours and days in progress, the time reached and the counters. Written by <see cref="AggregationStateFile"/>.
/// </summary>
public sealed record AggregationSnapshot
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>UTC offset of the site zone when the snapshot was taken; a snapshot from another offset is not restored.</summary>
    public int SiteUtcOffsetMinutes { get; init; }

    /// <summary>The latest time the aggregator had seen (readings or Advance), UTC ticks; null when it had seen nothing.</summary>
    public long? WatermarkTicks { get; init; }

    public long LateReadings { get; init; }

    public long OutOfOrderReadings { get; init; }

    public long IgnoredReadings { get; init; }

    public IReadOnlyList<OutletSnapshot> Outlets { get; init; } = [];
}
