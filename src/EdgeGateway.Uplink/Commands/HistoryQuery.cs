using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Uplink.Commands;

/// <summary>A <c>history</c> request as understood: which records and the range [<see cref="FromUtc"/>, <see cref="ToUtc"/>).</summary>
/// <param name="Period">The aggregate period, or null for real-time readings.</param>
/// <param name="FromUtc">Range start, inclusive (by window start for aggregates, poll time for readings).</param>
/// <param name="ToUtc">Range end, exclusive.</param>
internal sealed record HistoryQuery(AggregatePeriod? Period, DateTimeOffset FromUtc, DateTimeOffset ToUtc)
{
    /// <summary>The period's name in the contract.</summary>
    public string PeriodName => Period switch
    {
        AggregatePeriod.Minute => "minute",
        AggregatePeriod.Hour => "hour",
        AggregatePeriod.Day => "day",
        _ => "realtime",
    };
}
