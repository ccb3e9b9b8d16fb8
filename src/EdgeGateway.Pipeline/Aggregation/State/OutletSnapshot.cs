namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>One outlet's open windows. Restored only onto an outlet with the same name, channels and minute interval.</summary>
public sealed record OutletSnapshot
{
    public required string Name { get; init; }

    public required int MinuteIntervalMinutes { get; init; }

    public required IReadOnlyList<int> Channels { get; init; }

    /// <summary>Start of the earliest minute window not yet closed, UTC ticks.</summary>
    public required long NextMinuteStartTicks { get; init; }

    /// <summary>Per channel (same order as <see cref="Channels"/>): timestamp of its last sample, 0 when none.</summary>
    public required IReadOnlyList<long> LastSampleTicks { get; init; }

    public IReadOnlyList<MinuteWindowSnapshot> OpenMinutes { get; init; } = [];

    public PeriodSnapshot? Hour { get; init; }

    public PeriodSnapshot? Day { get; init; }
}
