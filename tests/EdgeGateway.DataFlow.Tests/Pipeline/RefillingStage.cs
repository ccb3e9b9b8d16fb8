using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Pipeline;

/// <summary>
/// A stage that keeps the ring from ever running empty, as a producer faster than the consumer would: each batch it
/// handles moves the clock on and writes as many readings again, until <paramref name="batches"/> were handled; then
/// it completes the ring. Counts the ticks that came while the ring was still busy.
/// </summary>
internal sealed class RefillingStage(IRing<Reading> ring, FakeTimeProvider time, TimeSpan timePerBatch, int batches) : IReadingBatchHandler
{
    private int _handled;

    public int TicksWhileBusy { get; private set; }

    public void Handle(ReadOnlySpan<Reading> batch)
    {
        time.Advance(timePerBatch);
        if (++_handled >= batches)
        {
            ring.Complete();
            return;
        }

        foreach (var reading in batch)
        {
            ring.TryWrite(reading);
        }
    }

    public void Tick(DateTimeOffset now)
    {
        if (_handled < batches)
        {
            TicksWhileBusy++;
        }
    }
}
