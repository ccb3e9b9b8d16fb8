using EdgeGateway.Core.Pipeline.Ring;

namespace EdgeGateway.Core.Pipeline;

/// <summary>
/// The ring's one consumer: waits for readings, drains them in batches and hands each batch to every stage in order;
/// ticks the stages at least once a second so windows close during outages. Ends when the ring is completed and
/// empty, so a graceful stop (complete the ring after the bus threads stop) loses nothing already accepted.
/// </summary>
public sealed class ReadingConsumer
{
    private readonly IRing<Reading> _ring;
    private readonly IReadOnlyList<IReadingBatchHandler> _stages;
    private readonly TimeProvider _time;
    private readonly Reading[] _batch;
    private long _consumed;

    public ReadingConsumer(IRing<Reading> ring, IReadOnlyList<IReadingBatchHandler> stages, int batchSize = 512, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _ring = ring;
        _stages = stages;
        _time = time ?? TimeProvider.System;
        _batch = new Reading[batchSize];
    }

    /// <summary>Readings handed to the stages so far.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>How often the stages are ticked when nothing arrives.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

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
        while (true)
        {
            var result = _ring.WaitToRead(TickInterval);
            int taken;
            while ((taken = _ring.Drain(_batch)) > 0)
            {
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
