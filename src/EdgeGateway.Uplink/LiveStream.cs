namespace EdgeGateway.Uplink;

/// <summary>
/// The records that became durable during a publishing session, sent first: batched by
/// <see cref="OutboxPublisherOptions.BatchSize"/> records or <see cref="OutboxPublisherOptions.MaxBatchDelay"/>
/// after the oldest waiting one, whichever comes first.
/// </summary>
internal sealed class LiveStream(UnacknowledgedRecords records, TimeSpan maxBatchDelay, long durableAtStart)
{
    private long _cursor = durableAtStart;
    private long _seenDurable = durableAtStart;
    private DateTimeOffset? _waitingSince;

    /// <summary>The durable sequence this stream has taken into account: new work comes when it rises above it.</summary>
    public long SeenDurable => _seenDurable;

    /// <summary>When the records waiting for a fuller batch are due anyway; null when none wait.</summary>
    public DateTimeOffset? DueAt => _waitingSince + maxBatchDelay;

    /// <summary>The batch to send now, or null while nothing new is durable or the waiting records may wait more.</summary>
    /// <param name="flushing">A stop is flushing: what is durable goes now, without waiting for a fuller batch.</param>
    /// <exception cref="Storage.OutboxStorageException">The store is failing.</exception>
    public EncodedBatch? TakeReady(long durable, DateTimeOffset now, bool flushing = false)
    {
        _seenDurable = Math.Max(_seenDurable, durable);
        if (durable <= _cursor)
        {
            return null;
        }

        var entries = records.Read(_cursor, durable);
        if (entries.Count == 0)
        {
            // Everything up to it is acknowledged (or deleted) already: nothing of it is owed.
            _cursor = durable;
            return null;
        }

        _waitingSince ??= now;
        if (!flushing && entries.Count < records.BatchSize && now - _waitingSince.Value < maxBatchDelay)
        {
            return null;
        }

        _cursor = entries[^1].Sequence;
        _waitingSince = null;
        return records.Encode(entries);
    }
}
