namespace EdgeGateway.Simulator.Signals;

/// <summary>
/// A process that runs on its baseline, then climbs by a height, stays up and comes back down: what a scrubber trip
/// or a fuel change does to SO2 at the stack, or a spill to COD at the outfall. Linear ramps added to the baseline
/// signal, as a pure function of time, so a test can say when each threshold is passed; optionally repeated.
/// </summary>
/// <param name="baseline">The signal outside the excursion (and under it).</param>
/// <param name="height">How far above the baseline the excursion goes.</param>
/// <param name="start">When the first climb starts.</param>
/// <param name="rise">How long the climb takes.</param>
/// <param name="hold">How long it stays up.</param>
/// <param name="fall">How long the way down takes.</param>
/// <param name="repeatEvery">The excursion starts again this long after each start; null: once.</param>
public sealed class ExcursionSignal(ISignal baseline, double height, DateTimeOffset start, TimeSpan rise, TimeSpan hold, TimeSpan fall, TimeSpan? repeatEvery = null) : ISignal
{
    public ISignal Baseline { get; } = baseline ?? throw new ArgumentNullException(nameof(baseline));

    public double Height { get; } = height;

    public double ValueAt(DateTimeOffset time) => Baseline.ValueAt(time) + (Height * Envelope(time));

    /// <summary>0 outside the excursion, 1 at its top, linear on the ramps.</summary>
    private double Envelope(DateTimeOffset time)
    {
        var since = time - start;
        if (since < TimeSpan.Zero)
        {
            return 0;
        }

        if (repeatEvery is { } period && period > TimeSpan.Zero)
        {
            since = TimeSpan.FromTicks(since.Ticks % period.Ticks);
        }

        if (since < rise)
        {
            return since / rise;
        }

        since -= rise;
        if (since < hold)
        {
            return 1;
        }

        since -= hold;
        return since < fall ? 1 - (since / fall) : 0;
    }
}
