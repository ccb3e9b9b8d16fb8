using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Commands;

/// <summary>The records one history request re-sends.</summary>
/// <param name="Entries">The records, ascending by sequence (the order encoders expect).</param>
/// <param name="Truncated">The range held more than one request re-sends.</param>
/// <param name="NextBegin">When truncated: where a follow-up request should begin.</param>
internal sealed record HistorySelection(IReadOnlyList<OutboxEntry> Entries, bool Truncated, DateTimeOffset? NextBegin)
{
    /// <summary>
    /// Selects the records of <paramref name="query"/>, at most <paramref name="maxRecords"/>. A cut falls between two
    /// record times, so the follow-up from <see cref="NextBegin"/> repeats nothing and skips nothing (unless more than
    /// <paramref name="maxRecords"/> records share one time: then the rest of that time is skipped).
    /// </summary>
    public static HistorySelection Select(IOutbox outbox, HistoryQuery query, int maxRecords)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<OutboxEntry> found;
        DateTimeOffset? stoppedAt = null;
        if (query.Period is { } period)
        {
            found = outbox.ReadAggregates(period, query.FromUtc, query.ToUtc, maxRecords + 1);
        }
        else
        {
            // Aggregates and events sit between readings; four entries scanned per reading wanted is ample for them.
            var scan = RealTimeHistoryScan.Read(outbox, query.FromUtc, query.ToUtc, maxRecords + 1, (4 * (maxRecords + 1)) + 10_000);
            found = scan.Readings;
            stoppedAt = scan.StoppedAt;
        }

        if (found.Count <= maxRecords)
        {
            return new HistorySelection(BySequence(found, found.Count), stoppedAt is not null, stoppedAt);
        }

        // Both sources return records by time (aggregates by window start, readings by sequence, which rises with time).
        var boundary = found[maxRecords].Timestamp;
        var keep = maxRecords;
        while (keep > 0 && found[keep - 1].Timestamp == boundary)
        {
            keep--;
        }

        return keep == 0
            ? new HistorySelection(BySequence(found, maxRecords), true, boundary.AddTicks(1))
            : new HistorySelection(BySequence(found, keep), true, boundary);
    }

    private static OutboxEntry[] BySequence(IReadOnlyList<OutboxEntry> found, int count) =>
        [.. found.Take(count).OrderBy(entry => entry.Sequence)];
}
