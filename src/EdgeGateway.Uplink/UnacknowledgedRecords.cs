using EdgeGateway.Storage;

namespace EdgeGateway.Uplink;

/// <summary>
/// How the publisher's streams take records from the outbox: the unacknowledged ones after a cursor, at most a batch,
/// never past a limit (what a power cut cannot take back), and encoded for the link.
/// </summary>
internal sealed class UnacknowledgedRecords(IOutbox outbox, string destination, IUplinkEncoder encoder, int batchSize)
{
    /// <summary>The maximum number of records one read returns.</summary>
    public int BatchSize => batchSize;

    /// <exception cref="OutboxStorageException">The store is failing (I/O, disk full).</exception>
    public IReadOnlyList<OutboxEntry> Read(long afterSequence, long limit)
    {
        var read = outbox.ReadUnacknowledged(destination, afterSequence, batchSize);
        var count = 0;
        while (count < read.Count && read[count].Sequence <= limit)
        {
            count++;
        }

        return count == read.Count ? read : read.Take(count).ToArray();
    }

    /// <summary>Encodes non-empty <paramref name="entries"/>.</summary>
    public EncodedBatch Encode(IReadOnlyList<OutboxEntry> entries)
    {
        var messages = encoder.Encode(entries);
        return new EncodedBatch(messages, AcknowledgementPlan.Of(messages, entries), entries[^1].Sequence);
    }
}
