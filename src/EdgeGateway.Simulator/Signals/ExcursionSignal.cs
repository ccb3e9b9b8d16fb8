namespace EdgeGateway.Simulator.Signals;

/// <summary>
/// A process that runs at a baseline, then climbs to a peak, stays there and comes back down: what a scrubber trip or
/// a fuel change does to SO2 at the stack. Linear ramps, as a pure function of time, so a test can say when each
/// threshold is passed; optionally repeated.
/// </summary>
/// <param name="baseline">The value outside the excursion.</param>
/// <param name="peak">The value at the top of it.</param>
/// <param name="start">When the climb starts.</param>
/// <param name="rise">How long the climb takes.</param>
/// <param name="hold">How long it stays at the peak.</param>
/// <param name="fall">How long the way down takes.</param>
/// <param name="repeatEvery">The excursion starts again this long after each start; null: once.</param>
public sealed class ExcursionSignal(double baseline, double peak, DateTimeOffset start, TimeSpan rise, TimeSpan hold, TimeSpan fall, TimeSpan? repeatEvery = null) : ISignal
{
    public double Baseline { get; } = baseline;

    public double Peak { get; } = peak;

    public double ValueAt(DateTimeOffset time)
    {
        var since = time - start;
        if (since < TimeSpan.Zero)
        {
            return Baseline;
        }

        if (repeatEvery is { } period && period > TimeSpan.Zero)
        {
            since = TimeSpan.FromTicks(since.Ticks % period.Ticks);
        }

        if (since < rise)
        {
            return Baseline + ((Peak - Baseline) * (since / rise));
        }

        since -= rise;
        if (since < hold)
        {
            return Peak;
        }

        since -= hold;
        return since < fall ? Peak + ((Baseline - Peak) * (since / fall)) : Baseline;
    }
}
