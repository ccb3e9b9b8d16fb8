using EdgeGateway.Pipeline;

namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>One channel's samples in an open minute window, as parallel arrays (compact in JSON).</summary>
public sealed record SampleSeriesSnapshot
{
    public required IReadOnlyList<long> Ticks { get; init; }

    /// <summary>Engineering values; NaN is written as "NaN".</summary>
    public required IReadOnlyList<double> Values { get; init; }

    public required IReadOnlyList<DataFlag> Flags { get; init; }

    /// <summary>Each sample's share of time in ticks (Δt of Cou).</summary>
    public required IReadOnlyList<long> ShareTicks { get; init; }
}
