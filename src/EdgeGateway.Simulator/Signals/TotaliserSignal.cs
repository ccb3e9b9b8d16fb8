namespace EdgeGateway.Simulator.Signals;

/// <summary>
/// A counter that only grows (a flow meter's volume total, a dust meter's mass total) and wraps at its capacity,
/// as the analyzer's own register does.
/// </summary>
public sealed class TotaliserSignal : ISignal
{
    /// <summary>Counting starts here, so a simulator started today shows a total of a few months' flow, not of decades.</summary>
    private static readonly DateTimeOffset CountingSince = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The rate swings ±10 % over this period, so the total does not grow as a perfectly straight line.</summary>
    private const double RateSwingPeriodSeconds = 3 * 3600;
    private const double RateSwing = 0.1;

    private readonly double _start;

    /// <param name="ratePerSecond">Average growth in the channel's unit per second; positive.</param>
    /// <param name="capacity">The value at which the counter wraps to zero.</param>
    /// <param name="key">From <see cref="DeterministicNoise.Key"/>: picks the starting count.</param>
    public TotaliserSignal(double ratePerSecond, double capacity, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        RatePerSecond = ratePerSecond;
        Capacity = capacity;
        _start = DeterministicNoise.Fraction(key, 0) * capacity * 0.1;
    }

    public double RatePerSecond { get; }

    public double Capacity { get; }

    public double ValueAt(DateTimeOffset time)
    {
        var seconds = (time - CountingSince).TotalSeconds;

        // The integral of rate × (1 + swing × sin(ωt)): always non-decreasing.
        var omega = 2 * Math.PI / RateSwingPeriodSeconds;
        var counted = RatePerSecond * (seconds + (RateSwing / omega * (1 - Math.Cos(omega * seconds))));
        var total = (_start + counted) % Capacity;
        return total < 0 ? total + Capacity : total;
    }
}
