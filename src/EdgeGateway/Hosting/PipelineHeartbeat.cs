using EdgeGateway.Pipeline;

namespace EdgeGateway.Hosting;

/// <summary>
/// The last stage of the consumer: records when the consumer last went round its loop. The consumer ticks its stages
/// every second even when no reading arrives, so a stale heartbeat means the consumer thread is stuck or dead.
/// </summary>
internal sealed class PipelineHeartbeat : IReadingBatchHandler
{
    private long _lastBeatTicks = DateTimeOffset.UtcNow.UtcTicks;

    public DateTimeOffset LastBeat => new(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero);

    public void Handle(ReadOnlySpan<Reading> batch) => Beat(DateTimeOffset.UtcNow);

    public void Tick(DateTimeOffset now) => Beat(now);

    private void Beat(DateTimeOffset now) => Interlocked.Exchange(ref _lastBeatTicks, now.UtcTicks);
}
