namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// A clock that moves only when told: the RS-485 delays advance it instead of sleeping, so the fake GPIO driver's
/// timestamps show each delay exactly, with nothing measured.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Start { get; } = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Stands in for Thread.Sleep.</summary>
    public void Advance(TimeSpan step)
    {
        lock (_gate)
        {
            _now += step;
        }
    }
}
