using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Finds stored readings by time although the outbox has no time index for them: reading timestamps rise with their
/// sequence numbers (<see cref="Pipeline.MonotonicGuardedClock"/> holds time still across a clock step back), so a
/// binary search over sequence numbers finds the range's first reading in about log2(n) point reads, and a bounded
/// forward scan collects the rest.
/// </summary>
internal static class RealTimeHistoryScan
{
    // Entries read per probe of the binary search, and at most this many probes' worth skipped to find a reading
    // (a day's close writes a few hundred aggregate records in a row).
    private const int ProbeBatch = 64;
    private const int MaxProbeBatches = 16;
    private const int ScanBatch = 500;

    /// <param name="outbox">Where the readings are.</param>
    /// <param name="fromUtc">Range start, inclusive.</param>
    /// <param name="toUtc">Range end, exclusive.</param>
    /// <param name="maxCount">Stop after this many readings.</param>
    /// <param name="maxScanned">Stop after looking at this many entries (readings, aggregates, events).</param>
    public static RealTimeScanResult Read(IOutbox outbox, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount, int maxScanned)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxScanned);

        // The smallest "after" whose next reading is at or past the start: every reading after it is in or past the range.
        long low = 0;
        var high = outbox.LastSequence;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (FirstReadingTimeAfter(outbox, middle) is not { } time || time >= fromUtc)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        var readings = new List<OutboxReading>();
        var after = low;
        var scanned = 0;
        DateTimeOffset? lastSeen = null;
        while (true)
        {
            var batch = outbox.Read(after, ScanBatch);
            if (batch.Count == 0)
            {
                return new RealTimeScanResult(readings, null);
            }

            foreach (var entry in batch)
            {
                after = entry.Sequence;
                if (entry is OutboxReading reading)
                {
                    if (reading.Timestamp >= toUtc)
                    {
                        return new RealTimeScanResult(readings, null);
                    }

                    lastSeen = reading.Timestamp;
                    if (reading.Timestamp >= fromUtc)
                    {
                        readings.Add(reading);
                        if (readings.Count >= maxCount)
                        {
                            return new RealTimeScanResult(readings, null);
                        }
                    }
                }

                if (++scanned >= maxScanned)
                {
                    return new RealTimeScanResult(readings, lastSeen ?? fromUtc);
                }
            }
        }
    }

    // The time of the first reading above the sequence; null when there is none (near enough: the scan filters anyway).
    private static DateTimeOffset? FirstReadingTimeAfter(IOutbox outbox, long afterSequence)
    {
        var after = afterSequence;
        for (var probe = 0; probe < MaxProbeBatches; probe++)
        {
            var batch = outbox.Read(after, ProbeBatch);
            foreach (var entry in batch)
            {
                if (entry is OutboxReading reading)
                {
                    return reading.Timestamp;
                }
            }

            if (batch.Count < ProbeBatch)
            {
                return null;
            }

            after = batch[^1].Sequence;
        }

        return null;
    }
}
