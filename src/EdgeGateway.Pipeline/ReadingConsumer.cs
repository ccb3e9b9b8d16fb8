using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.Pipeline;

/// <summary>
/// The ring's one consumer: waits for readings, drains them in batches and hands each batch to every stage in order,
/// then to the store; ticks them at least once a second so windows close during outages. Ends when the ring is
/// completed and empty, so a graceful stop (complete the ring after the bus threads stop) loses nothing already accepted.
/// </summary>
/// <remarks>
/// The store is a parameter of its own, not a place in the list, because it must come after every stage: what the
/// stages hand it while they take a batch or a tick (records the batch closed, events) then goes into the store in the
/// same transaction as the batch's readings.
/// </remarks>
public sealed class ReadingConsumer
{
    private readonly IRing<Reading> _ring;
    private readonly IReadingBatchHandler[] _stages;
    private readonly TimeProvider _time;
    private readonly Reading[] _batch;
    private long _consumed;

    /// <param name="ring">The ring the bus threads write.</param>
    /// <param name="stages">The stages, each given every batch and tick in this order.</param>
    /// <param name="batchSize">The most readings taken from the ring at once.</param>
    /// <param name="time">The field clock (ticks).</param>
    /// <param name="store">Given every batch and tick after all the stages (see the remarks); none in some tests.</param>
    public ReadingConsumer(IRing<Reading> ring, IReadOnlyList<IReadingBatchHandler> stages, int batchSize = 512, TimeProvider? time = null, IReadingBatchHandler? store = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _ring = ring;
        _stages = store is null ? [.. stages] : [.. stages, store];
        _time = time ?? TimeProvider.System;
        _batch = new Reading[batchSize];
    }

    /// <summary>Readings handed to the stages so far.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>How often the stages are ticked when nothing arrives.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// At field rate, how long the consumer lets readings gather after the first of a round arrived in an empty ring,
    /// so that the devices polled at about the same moment take one wake-up and one store transaction together
    /// instead of one each (issue 18: a transaction's fixed cost was most of the consumer's CPU). Only when the last
    /// round was small (under half a batch), so a busy ring is never held back; zero (the default) never waits. It
    /// delays live data by at most this much.
    /// </summary>
    public TimeSpan GatherDelay { get; init; }

    public Thread Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "ring consumer" };
        thread.Start();
        return thread;
    }

    /// <summary>Consumes until the ring is completed and empty.</summary>
    public void Run()
    {
        var lastTick = _time.GetUtcNow();
        var lastRound = 0;
        while (true)
        {
            var result = _ring.WaitToRead(TickInterval);
            if (result == RingWaitResult.ItemsAvailable && GatherDelay > TimeSpan.Zero && lastRound < _batch.Length / 2)
            {
                // The first readings of a round at field rate: let the rest of the round join them.
                Thread.Sleep(GatherDelay);
            }

            lastRound = 0;
            int taken;
            while ((taken = _ring.Drain(_batch)) > 0)
            {
                lastRound += taken;
                var batch = _batch.AsSpan(0, taken);
                foreach (var stage in _stages)
                {
                    stage.Handle(batch);
                }

                Interlocked.Add(ref _consumed, taken);

                // Under sustained load the ring never runs empty: without this tick the outbox would not be made
                // durable (so the publisher could send nothing at synchronous=NORMAL) and windows would not close.
                lastTick = TickIfDue(lastTick, force: false);
            }

            lastTick = TickIfDue(lastTick, force: result == RingWaitResult.Completed);
            if (result == RingWaitResult.Completed)
            {
                return;
            }
        }
    }

    private DateTimeOffset TickIfDue(DateTimeOffset lastTick, bool force)
    {
        var now = _time.GetUtcNow();
        if (now - lastTick < TickInterval && !force)
        {
            return lastTick;
        }

        foreach (var stage in _stages)
        {
            stage.Tick(now);
        }

        return now;
    }
}
