using EdgeGateway.Control.Trend;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;

namespace EdgeGateway.Hosting;

/// <summary>
/// A channel's trend from the durable outbox, page by page: readings by the outbox's binary search on the sequence
/// (readings have no time index), minute records by the index on period and window start.
/// </summary>
internal sealed class OutboxTrendSource(IOutbox outbox) : ITrendSource
{
    private const int PageSize = 5_000;

    public IEnumerable<Reading> Readings(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        // The next page starts at the last poll time read, so what shares that time is read again: recognised by its
        // sequence (a page is in sequence order).
        var from = fromUtc;
        var lastSequence = long.MinValue;
        while (true)
        {
            var page = outbox.ReadChannelReadings(channel, from, toUtc, PageSize);
            var fresh = 0;
            foreach (var entry in page)
            {
                if (entry.Sequence > lastSequence)
                {
                    fresh++;
                    lastSequence = entry.Sequence;
                    yield return entry.Reading;
                }
            }

            if (page.Count < PageSize || fresh == 0)
            {
                yield break;
            }

            from = page[^1].Reading.Timestamp;
        }
    }

    public IEnumerable<AggregateRecord> MinuteRecords(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var from = fromUtc;
        var seen = new HashSet<long>();
        while (true)
        {
            var page = outbox.ReadChannelAggregates(AggregatePeriod.Minute, channel, from, toUtc, PageSize);
            var fresh = 0;
            foreach (var entry in page)
            {
                if (seen.Add(entry.Sequence))
                {
                    fresh++;
                    yield return entry.Record;
                }
            }

            if (page.Count < PageSize || fresh == 0)
            {
                yield break;
            }

            from = page[^1].Record.StartUtc;
        }
    }
}
