using EdgeGateway.Pipeline;

namespace EdgeGateway.Storage;

/// <summary>
/// Readings kept in memory while the outbox cannot store them: a bounded FIFO ring. When full, the oldest readings
/// are dropped and counted with their time span, to be announced; nothing is dropped silently.
/// </summary>
internal sealed class HeldReadings(int capacity)
{
    private readonly Reading[] _ring = new Reading[capacity];
    private int _head;

    public int Count { get; private set; }

    public int Capacity => _ring.Length;

    /// <summary>Readings dropped since the last <see cref="ResetDropped"/>.</summary>
    public long Dropped { get; private set; }

    public long FirstDroppedTicks { get; private set; }

    public long LastDroppedTicks { get; private set; }

    public void Add(ReadOnlySpan<Reading> readings)
    {
        foreach (ref readonly var reading in readings)
        {
            if (Count == _ring.Length)
            {
                Drop(_ring[_head]);
                _head = (_head + 1) % _ring.Length;
                Count--;
            }

            _ring[(_head + Count) % _ring.Length] = reading;
            Count++;
        }
    }

    /// <summary>Copies up to destination.Length of the oldest readings; returns how many.</summary>
    public int CopyOldest(Span<Reading> destination)
    {
        var count = Math.Min(destination.Length, Count);
        for (var i = 0; i < count; i++)
        {
            destination[i] = _ring[(_head + i) % _ring.Length];
        }

        return count;
    }

    public void RemoveOldest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        _head = (_head + count) % _ring.Length;
        Count -= count;
    }

    public void ResetDropped()
    {
        Dropped = 0;
        FirstDroppedTicks = 0;
        LastDroppedTicks = 0;
    }

    private void Drop(in Reading reading)
    {
        FirstDroppedTicks = Dropped == 0 ? reading.TimestampTicks : Math.Min(FirstDroppedTicks, reading.TimestampTicks);
        LastDroppedTicks = Math.Max(LastDroppedTicks, reading.TimestampTicks);
        Dropped++;
    }
}
