namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>A clock that moves only when the test steps it: a bus poller's schedule without wall-clock sleeps.</summary>
internal sealed class SteppedTime : TimeProvider
{
    private static readonly DateTimeOffset Origin = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private long _elapsedTicks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public override DateTimeOffset GetUtcNow() => Origin + Elapsed;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);
}
