namespace EdgeGateway.Interop.Tests.Alarms;

/// <summary>
/// The field side's clock in a virtual-time test: wall time and timestamps both move only when the test says, so a
/// poller's schedule, the readings' times, the aggregation's windows and the simulator's signals all agree.
/// </summary>
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
