namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>An hour or day in progress: one accumulator per outlet channel.</summary>
public sealed record PeriodSnapshot
{
    public required long StartTicks { get; init; }

    public required IReadOnlyList<PeriodChannelSnapshot> Channels { get; init; }
}
