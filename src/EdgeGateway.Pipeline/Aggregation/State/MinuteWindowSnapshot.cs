namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>An open minute window: one sample series per outlet channel.</summary>
public sealed record MinuteWindowSnapshot
{
    public required long StartTicks { get; init; }

    public required IReadOnlyList<SampleSeriesSnapshot> Channels { get; init; }
}
