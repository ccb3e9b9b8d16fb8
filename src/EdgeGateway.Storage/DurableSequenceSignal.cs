namespace EdgeGateway.Storage;

/// <summary>
/// "The outbox is durable up to N", told by its writer (<see cref="OutboxAppender"/>) and awaited by the publisher,
/// so the publisher sleeps while nothing new is durable instead of looking every few milliseconds. N only rises;
/// waiters wake only when it does.
/// </summary>
/// <remarks>
/// N never runs ahead of <see cref="IOutbox.DurableSequence"/>: the writer reads that after each of its transactions
/// and flushes and passes it on (<see cref="Advance"/>). Threads: any thread may advance, read and wait.
/// </remarks>
public sealed class DurableSequenceSignal
{
    private readonly Lock _gate = new();
    private long _sequence;
    private TaskCompletionSource<long> _risen = NewRise();

    /// <param name="sequence">What is durable already (the outbox's <see cref="IOutbox.DurableSequence"/> at start).</param>
    public DurableSequenceSignal(long sequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        _sequence = sequence;
    }

    /// <summary>The highest sequence known to survive a power cut.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>Raises N to <paramref name="durableSequence"/> and wakes the waiters; a value not above N changes nothing.</summary>
    public void Advance(long durableSequence)
    {
        TaskCompletionSource<long> risen;
        lock (_gate)
        {
            if (durableSequence <= _sequence)
            {
                return;
            }

            Interlocked.Exchange(ref _sequence, durableSequence);
            risen = _risen;
            _risen = NewRise();
        }

        risen.SetResult(durableSequence);
    }

    /// <summary>Completes with N once N is above <paramref name="sequence"/> (at once if it is already).</summary>
    public async Task<long> WaitBeyondAsync(long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<long> rise;
            lock (_gate)
            {
                if (_sequence > sequence)
                {
                    return _sequence;
                }

                rise = _risen.Task;
            }

            await rise.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Continuations run off the writer's thread: the consumer must never run the publisher's loop.
    private static TaskCompletionSource<long> NewRise() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
