using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Control.Trend;

/// <summary>
/// Where a channel's trend comes from: the service's durable store (which this project must not know). Both
/// sequences are read lazily, page by page, so a long range costs time but not memory.
/// </summary>
public interface ITrendSource
{
    /// <summary>The channel's stored readings polled in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first.</summary>
    IEnumerable<Reading> Readings(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc);

    /// <summary>The channel's stored minute records whose window starts in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first.</summary>
    IEnumerable<AggregateRecord> MinuteRecords(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc);
}
