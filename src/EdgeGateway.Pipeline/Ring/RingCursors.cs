using System.Runtime.InteropServices;

namespace EdgeGateway.Pipeline.Ring;

/// <summary>
/// The counters of <see cref="MpscRing{T}"/> that several cores touch, each on its own 128-byte block so that a
/// write to one does not invalidate the cache line another core is reading (false sharing). 128 rather than 64
/// because x64's adjacent-line prefetcher pulls lines in pairs and Apple/some Arm cores use 128-byte lines; the
/// block at offset 0 only keeps the ring's read-only fields (array reference, mask) off the <see cref="Tail"/> line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 5 * LineSize)]
internal struct RingCursors
{
    private const int LineSize = 128;

    /// <summary>
    /// The next position a producer will claim; claimed with CompareExchange by every producer. Bit 62
    /// (<see cref="MpscRing{T}"/>'s completed bit) is set by Complete, so that a claim and a completion cannot
    /// both succeed against the same value.
    /// </summary>
    [FieldOffset(1 * LineSize)]
    public long Tail;

    /// <summary>The next position the consumer will take; written only by the consumer, read by <c>Count</c>.</summary>
    [FieldOffset(2 * LineSize)]
    public long Head;

    /// <summary>
    /// 1 while the consumer has announced that it is about to sleep. Every producer reads it after every write, so it
    /// lives alone: it changes only when the consumer parks or is woken, and stays in every producer's cache.
    /// </summary>
    [FieldOffset(3 * LineSize)]
    public int ConsumerParked;

    /// <summary>Writes refused so far; only touched when the ring is full or completed.</summary>
    [FieldOffset(4 * LineSize)]
    public long Rejected;

    /// <summary>1 from the first refusal for fullness until the consumer next takes an item (an overflow episode).</summary>
    [FieldOffset((4 * LineSize) + sizeof(long))]
    public int Overflowing;
}
