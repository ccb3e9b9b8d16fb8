using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeGateway.Pipeline.Ring;

/// <summary>
/// The gateway's bounded lock-free multi-producer single-consumer ring: Dmitry Vyukov's bounded queue (one sequence
/// number per slot) with a single consumer that drains in batches and parks on a kernel wait object when idle.
/// </summary>
/// <remarks>
/// <para>
/// <b>Ownership of a slot.</b> Positions count up from 0 for ever (64-bit); position p lives in slot
/// <c>p &amp; (Capacity - 1)</c>. The slot's sequence says who owns it: <c>p</c> — free, the producer that claims
/// position p may fill it; <c>p + 1</c> — full, it holds p's item for the consumer; <c>p + Capacity</c> — taken,
/// free for the producer of the next lap's position p + Capacity. A producer claims p by moving <c>Tail</c> from p to
/// p + 1 with CompareExchange, so exactly one producer owns each position; the consumer alone moves <c>Head</c>.
/// </para>
/// <para>
/// <b>Why the consumer sees a slot's payload before its sequence says "full".</b> The producer stores the item with
/// plain stores and then publishes with <see cref="Volatile.Write(ref long, long)"/> (a release: no earlier store may
/// be moved after it). The consumer reads the sequence with <see cref="Volatile.Read(ref readonly long)"/> (an acquire: no
/// later load may be moved before it) and copies the item only after it saw p + 1, so it reads what the producer
/// stored. Handing the slot back is the mirror image: the consumer copies the item out, then releases the slot with a
/// <see cref="Volatile.Write(ref long, long)"/> of p + Capacity; the next lap's producer acquires that value before
/// it overwrites the item, so it cannot overwrite a payload that has not been copied yet.
/// </para>
/// <para>
/// <b>Wrap-around.</b> Positions and sequences are 64-bit and never wrap (2^62 items at a billion a second last
/// over a century); only the slot index wraps, through the mask. A producer that finds a slot's sequence below its
/// position has met the item of one lap ago that the consumer has not taken: the ring is full and the write is
/// refused. The capacity is a power of two of at least 2, so that "full for p" (p + 1) and "free for the next lap"
/// (p + Capacity) are different numbers.
/// </para>
/// <para>
/// <b>Why the consumer's sleep cannot miss a publish (Dekker's pattern on two words).</b> The consumer, finding
/// nothing, resets the wake event, announces <c>ConsumerParked = 1</c> with <see cref="Interlocked.Exchange(ref int, int)"/>
/// (a full fence) and then reads <c>Tail</c>; it sleeps only if no position has been claimed beyond <c>Head</c>.
/// A producer writes <c>Tail</c> with <see cref="Interlocked.CompareExchange(ref long, long, long)"/> (a full
/// fence), fills and publishes its slot, and only then reads <c>ConsumerParked</c>. Each side stores, fences, then
/// loads the other's word, so at least one of them sees the other's store: either the consumer sees the claim and
/// does not sleep (it waits out the few instructions until the claimed slot is published), or the producer sees the
/// announcement and, its item already published, takes the announcement back (Exchange to 0) and sets the event.
/// Because the event is reset before the announcement, a set that answers an announcement cannot be erased; a late
/// set from an earlier round only causes one spurious wake-up, after which the consumer checks again.
/// <see cref="Complete"/> sets a bit in <c>Tail</c> with the same CompareExchange and follows the same rule.
/// </para>
/// <para>
/// <b>Waiting.</b> A consumer that finds the ring empty first pauses for 10 µs without reading it (so that it takes
/// the next items as a batch rather than chasing the producers item by item), then spins briefly with
/// <see cref="SpinWait"/>, then parks on a <see cref="ManualResetEventSlim"/> (a kernel wait once it blocks), using
/// no CPU until a producer or <see cref="Complete"/> wakes it.
/// </para>
/// <para>
/// <b>Cost.</b> A producer pays one CompareExchange on <c>Tail</c> (contended only between producers), one plain
/// read of <c>ConsumerParked</c> (a line that only changes when the consumer parks) and no system call while the
/// consumer is awake; only the one producer that takes the announcement back signals the event. The consumer pays no
/// interlocked operation per item: a batch costs one acquire and one release per slot and one store of <c>Head</c>.
/// </para>
/// </remarks>
/// <typeparam name="T">The item, stored inline in the slots.</typeparam>
public sealed class MpscRing<T> : IRing<T>
    where T : struct
{
    /// <summary>Set in <c>Tail</c> by <see cref="Complete"/>; positions never get this large.</summary>
    private const long CompletedBit = 1L << 62;

    /// <summary>
    /// 10 µs: how long a consumer that has just emptied the ring waits, without reading it, before it looks again.
    /// A producer at full speed writes about a thousand items meanwhile, a quarter of a 4096-slot ring; an item
    /// written while the consumer is awake waits at most this long (a parked consumer is woken at once).
    /// </summary>
    private static readonly long GatherPauseTicks = Stopwatch.Frequency / 100_000;

    private readonly RingSlot<T>[] _slots;
    private readonly long _indexMask;
    private readonly int _consumerSpinCount;

    // Spinning is ours (the bounded spin in WaitToRead); the event's own spinning would only repeat it.
    private readonly ManualResetEventSlim _consumerWake = new(initialState: false, spinCount: 0);

    // Not readonly: the Interlocked and Volatile calls take references into it.
    private RingCursors _cursors;

    /// <param name="capacity">Slots wanted; rounded up to a power of two (at least 2, at most 2^30).</param>
    /// <param name="consumerSpinCount">
    /// How long the consumer keeps looking, finding nothing, before it parks: with any value above 0, first a 10 µs
    /// pause that lets a batch gather, then this many <see cref="SpinWait.SpinOnce(int)"/> rounds. The default 20 is
    /// SpinWait's own measure (ten short busy spins, then ten yields): about 15 µs of CPU in all per idle spell, which
    /// takes the rest of a bus thread's burst without a wake-up. 0 parks at once: the least CPU, one wake-up per
    /// spell.
    /// </param>
    public MpscRing(int capacity, int consumerSpinCount = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(consumerSpinCount);
        Capacity = RingCapacity.RoundUp(capacity, nameof(capacity));
        _indexMask = Capacity - 1;
        _consumerSpinCount = consumerSpinCount;
        _slots = new RingSlot<T>[Capacity];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    /// <inheritdoc />
    public event Action<long>? Overflowed;

    /// <inheritdoc />
    public int Capacity { get; }

    /// <inheritdoc />
    public int Count
    {
        get
        {
            var head = Volatile.Read(ref _cursors.Head);
            var tail = Volatile.Read(ref _cursors.Tail) & ~CompletedBit;
            return (int)Math.Clamp(tail - head, 0, Capacity);
        }
    }

    /// <inheritdoc />
    public long Rejected => Volatile.Read(ref _cursors.Rejected);

    /// <summary>True while the consumer has announced that it sleeps; lets tests write exactly when it is parked.</summary>
    internal bool IsConsumerParked => Volatile.Read(ref _cursors.ConsumerParked) != 0;

    /// <inheritdoc />
    public bool TryWrite(in T item)
    {
        ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        var position = Volatile.Read(ref _cursors.Tail);
        while (true)
        {
            if ((position & CompletedBit) != 0)
            {
                return RefuseCompleted();
            }

            ref var slot = ref Unsafe.Add(ref slots, (nint)(position & _indexMask));
            var sequence = Volatile.Read(ref slot.Sequence);
            if (sequence == position)
            {
                var seen = Interlocked.CompareExchange(ref _cursors.Tail, position + 1, position);
                if (seen == position)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, position + 1);

                    // After the publish, and after the CompareExchange's full fence: see the class remarks.
                    if (Volatile.Read(ref _cursors.ConsumerParked) != 0)
                    {
                        WakeConsumer();
                    }

                    return true;
                }

                // Another producer claimed this position, or Complete set its bit: go again with what it left.
                position = seen;
            }
            else if (sequence < position)
            {
                // The slot still holds the item of one lap ago.
                return RefuseFull();
            }
            else
            {
                // Our view of Tail is stale: another producer has already filled this position.
                position = Volatile.Read(ref _cursors.Tail);
            }
        }
    }

    /// <inheritdoc />
    public bool TryRead(out T item)
    {
        var head = _cursors.Head;
        ref var slot = ref SlotAt(head);
        if (Volatile.Read(ref slot.Sequence) != head + 1)
        {
            item = default;
            return false;
        }

        item = slot.Item;
        Volatile.Write(ref slot.Sequence, head + _indexMask + 1);
        Volatile.Write(ref _cursors.Head, head + 1);
        EndOverflowEpisode();
        return true;
    }

    /// <inheritdoc />
    public int Drain(Span<T> destination)
    {
        // Only this thread writes Head, so a plain read of it is current.
        var head = _cursors.Head;
        var nextLap = _indexMask + 1;
        ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        var taken = 0;
        while (taken < destination.Length)
        {
            ref var slot = ref Unsafe.Add(ref slots, (nint)(head & _indexMask));
            if (Volatile.Read(ref slot.Sequence) != head + 1)
            {
                break;
            }

            destination[taken++] = slot.Item;
            Volatile.Write(ref slot.Sequence, head + nextLap);
            head++;
        }

        if (taken > 0)
        {
            // Once per batch: Head is only read by Count, not by the producers.
            Volatile.Write(ref _cursors.Head, head);
            EndOverflowEpisode();
        }

        return taken;
    }

    /// <inheritdoc />
    public bool WaitToRead(CancellationToken cancellationToken = default) =>
        WaitToRead(Timeout.InfiniteTimeSpan, cancellationToken) == RingWaitResult.ItemsAvailable;

    /// <inheritdoc />
    public RingWaitResult WaitToRead(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var timeoutMilliseconds = RingTimeout.ToMilliseconds(timeout, nameof(timeout));
        cancellationToken.ThrowIfCancellationRequested();
        var startedAt = Environment.TickCount64;
        var gathered = false;
        var idleSpinner = default(SpinWait);
        var publishSpinner = default(SpinWait);
        while (true)
        {
            var head = _cursors.Head;
            if (Volatile.Read(ref SlotAt(head).Sequence) == head + 1)
            {
                return RingWaitResult.ItemsAvailable;
            }

            var tail = Volatile.Read(ref _cursors.Tail);
            if (tail == (head | CompletedBit))
            {
                return RingWaitResult.Completed;
            }

            var remaining = RingTimeout.Remaining(timeoutMilliseconds, startedAt);
            if (remaining == 0)
            {
                return RingWaitResult.TimedOut;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if ((tail & ~CompletedBit) != head)
            {
                // A producer has claimed the slot at Head and not published it yet: a few instructions, unless it
                // was preempted in between. Sleeping now could miss it (the fence argument in the class remarks covers
                // only claims the consumer does not see), so wait it out, SpinWait's yields and 1 ms sleeps bounding
                // the CPU spent. Its own spinner, so that a used-up spin phase does not start at the 1 ms sleeps.
                publishSpinner.SpinOnce();
            }
            else if (!gathered && _consumerSpinCount > 0)
            {
                // The ring has just run empty under a busy consumer. Looking again at once would take the items one
                // by one as they are published, pulling the cache line the producer is writing at every look: the
                // producer slows down, the consumer keeps catching up, and throughput halves (measured on 2 cores).
                PauseToGather();
                gathered = true;
            }
            else if (idleSpinner.Count < _consumerSpinCount)
            {
                // Busy spins, then yields, never a 1 ms sleep: parking is the way to stop spending CPU.
                idleSpinner.SpinOnce(sleep1Threshold: -1);
            }
            else
            {
                Park(head, remaining, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public void Complete()
    {
        var tail = Volatile.Read(ref _cursors.Tail);
        while ((tail & CompletedBit) == 0)
        {
            var seen = Interlocked.CompareExchange(ref _cursors.Tail, tail | CompletedBit, tail);
            if (seen == tail)
            {
                break;
            }

            tail = seen;
        }

        if (Volatile.Read(ref _cursors.ConsumerParked) != 0)
        {
            WakeConsumer();
        }
    }

    /// <summary>Releases the wake event; call it once producers and the consumer have stopped.</summary>
    public void Dispose() => _consumerWake.Dispose();

    private ref RingSlot<T> SlotAt(long position) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), (nint)(position & _indexMask));

    /// <summary>Spins for <see cref="GatherPauseTicks"/> without touching the ring or any line a producer writes.</summary>
    private static void PauseToGather()
    {
        var until = Stopwatch.GetTimestamp() + GatherPauseTicks;
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(8);
        }
    }

    /// <summary>Announces the sleep, checks once more, and sleeps until a producer or Complete sets the event.</summary>
    private void Park(long head, int timeoutMilliseconds, CancellationToken cancellationToken)
    {
        _consumerWake.Reset();
        Interlocked.Exchange(ref _cursors.ConsumerParked, 1);

        // After the full fence: a producer whose claim we do not see here will see the announcement.
        if (Volatile.Read(ref _cursors.Tail) != head)
        {
            Volatile.Write(ref _cursors.ConsumerParked, 0);
            return;
        }

        try
        {
            _consumerWake.Wait(timeoutMilliseconds, cancellationToken);
        }
        finally
        {
            // Usually a producer has taken the announcement back already; after a timeout or a cancellation we do.
            Volatile.Write(ref _cursors.ConsumerParked, 0);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WakeConsumer()
    {
        // Only the one producer that takes the announcement back pays for the signal.
        if (Interlocked.Exchange(ref _cursors.ConsumerParked, 0) != 0)
        {
            _consumerWake.Set();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefuseFull()
    {
        var total = Interlocked.Increment(ref _cursors.Rejected);
        if (Volatile.Read(ref _cursors.Overflowing) == 0 && Interlocked.Exchange(ref _cursors.Overflowing, 1) == 0)
        {
            Overflowed?.Invoke(total);
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefuseCompleted()
    {
        Interlocked.Increment(ref _cursors.Rejected);
        return false;
    }

    private void EndOverflowEpisode()
    {
        // A read first, so that the usual case (no overflow) does not write to the producers' line.
        if (Volatile.Read(ref _cursors.Overflowing) != 0)
        {
            Volatile.Write(ref _cursors.Overflowing, 0);
        }
    }
}
