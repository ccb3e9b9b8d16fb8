namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>
/// One channel's hour or day in progress, summed from the child records closed so far. Empty extremes are written as
/// "Infinity" / "-Infinity".
/// </summary>
public sealed record PeriodChannelSnapshot
{
    /// <summary>Child records per flag, indexed N F M S D C T B.</summary>
    public required IReadOnlyList<int> FlagCounts { get; init; }

    public required int ValidCount { get; init; }

    public required double AvgSum { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required int ZsCount { get; init; }

    public required double ZsAvgSum { get; init; }

    public required double ZsMin { get; init; }

    public required double ZsMax { get; init; }

    public required double CouSum { get; init; }
}
