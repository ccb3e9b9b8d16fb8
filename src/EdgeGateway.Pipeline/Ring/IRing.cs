namespace EdgeGateway.Pipeline.Ring;

/// <summary>
/// A bounded hand-over from several producer threads (the bus pollers) to one consumer thread (storage and
/// aggregation). Producers never block: a write into a full ring is refused, counted and reported, never dropped
/// silently.
/// </summary>
/// <remarks>
/// <para>
/// Threads: <see cref="TryWrite"/>, <see cref="Complete"/>, <see cref="Capacity"/>, <see cref="Count"/> and
/// <see cref="Rejected"/> may be used from any thread. <see cref="TryRead"/>, <see cref="Drain"/> and the
/// <c>WaitToRead</c> overloads belong to the single consumer: call them from one thread at a time.
/// </para>
/// <para>
/// Overflow: every refused write increments <see cref="Rejected"/>. <see cref="Overflowed"/> is raised on the refused
/// producer's thread, with the running total, when the ring goes into overflow: on the first refusal since the
/// consumer last took an item. A stalled consumer therefore costs one event per episode, not one per refused
/// reading, while the metric stays exact. Writes refused because the ring is completed count in
/// <see cref="Rejected"/> too (so accepted + rejected = attempted always holds) but raise no overflow.
/// </para>
/// </remarks>
/// <typeparam name="T">The item, copied into the ring by value (the gateway uses <see cref="Reading"/>).</typeparam>
public interface IRing<T> : IDisposable
    where T : struct
{
    /// <summary>
    /// Raised on the producer's thread, with the running <see cref="Rejected"/> total, when a write is refused
    /// because the ring is full and it is the first such refusal since the consumer last took an item. Handlers
    /// run inside <see cref="TryWrite"/> on a bus thread: they must be quick, must not block and must not throw.
    /// </summary>
    event Action<long>? Overflowed;

    /// <summary>The number of slots: the requested capacity rounded up to a power of two.</summary>
    int Capacity { get; }

    /// <summary>Items written and not yet taken; approximate while producers or the consumer are running.</summary>
    int Count { get; }

    /// <summary>Writes refused so far (ring full, or completed); readable from any thread.</summary>
    long Rejected { get; }

    /// <summary>Copies <paramref name="item"/> into the ring; false, counted in <see cref="Rejected"/>, when full or completed.</summary>
    bool TryWrite(in T item);

    /// <summary>Takes the oldest item, if there is one. Consumer only.</summary>
    bool TryRead(out T item);

    /// <summary>Moves up to <c>destination.Length</c> items, oldest first, and returns how many. Consumer only.</summary>
    int Drain(Span<T> destination);

    /// <summary>
    /// Blocks the consumer until an item can be read, the ring is completed and empty, or
    /// <paramref name="timeout"/> passes (<see cref="Timeout.InfiniteTimeSpan"/> waits for ever).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    RingWaitResult WaitToRead(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Blocks the consumer until an item can be read (true) or the ring is completed and empty (false), as
    /// <c>ChannelReader.WaitToReadAsync</c> answers.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    bool WaitToRead(CancellationToken cancellationToken = default);

    /// <summary>
    /// Refuses all further writes and wakes the consumer, which can still take every item written before; once
    /// those are taken, <c>WaitToRead</c> answers <see cref="RingWaitResult.Completed"/>. Idempotent.
    /// </summary>
    void Complete();
}
