namespace EdgeGateway.Interop.Tests.Alarms;

/// <summary>
/// The field side's clock in a virtual-time test: wall time and timestamps both move only when the test says, so a
/// poller's schedule, the readings' times, the aggregation's windows and the simulator's signals all agree.
/// </summary>
/// <remarks>
/// Not a FakeTimeProvider on purpose: its timers (the base class's) run on real time. The service's runtime built on
/// it keeps threads of its own (the consumer, the alarm stage's retries with <c>Task.Delay</c> on this clock) that
/// must not wait for the test's next step, nor run inside it as FakeTimeProvider's timers would.
/// </remarks>
internal sealed class VirtualFieldClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
