using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeGateway.FieldBus.Polling;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// The real-time interval as the poll interval of every device on the given buses: one reading per channel per poll,
/// so the poll interval is the interval of the real-time data.
/// </summary>
/// <remarks>
/// Aggregation expects a sample count per minute from <see cref="Aggregation.OutletRules.PollInterval"/>: polling less
/// often than that makes minute records fall short of their expected count and be flagged invalid. The host should
/// therefore pass the outlets' poll interval as <c>maximum</c> (or rebuild the aggregation with the new interval).
/// </remarks>
public sealed class BusPollerIntervalControl : IRealTimeIntervalControl
{
    private readonly BusPoller[] _pollers;
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;
    private readonly Lock _gate = new();
    private TimeSpan _current;

    /// <param name="pollers">The buses whose devices follow the interval.</param>
    /// <param name="minimum">The shortest interval accepted.</param>
    /// <param name="maximum">The longest interval accepted; see the remarks.</param>
    public BusPollerIntervalControl(IReadOnlyList<BusPoller> pollers, TimeSpan minimum, TimeSpan maximum)
    {
        ArgumentNullException.ThrowIfNull(pollers);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minimum, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        _pollers = [.. pollers];
        _minimum = minimum;
        _maximum = maximum;

        // Until the platform sets one, the interval is the first device's configured one.
        _current = _pollers.FirstOrDefault(poller => poller.Devices.Count > 0)?.PollIntervalOf(0) ?? new DevicePollSettings().PollInterval;
    }

    public TimeSpan Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public bool TrySet(TimeSpan interval, [NotNullWhen(false)] out string? error)
    {
        if (interval < _minimum || interval > _maximum)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"this gateway accepts {_minimum.TotalSeconds:0.###} s to {_maximum.TotalSeconds:0.###} s");
            return false;
        }

        lock (_gate)
        {
            foreach (var poller in _pollers)
            {
                poller.SetPollInterval(interval);
            }

            _current = interval;
        }

        error = null;
        return true;
    }
}
