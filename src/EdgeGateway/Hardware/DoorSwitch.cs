using System.Device.Gpio;

namespace EdgeGateway.Hardware;

/// <summary>
/// The cabinet door switch on a GPIO input, debounced: after an edge, the input must hold for the configured time
/// with no further edge before its level counts; the edges of a bouncing contact or a knock on the cabinet inside
/// that time do not. A settled change is reported once, stamped with its first edge (when the door really moved),
/// not with the end of the debounce. The level is read again when the debounce ends rather than taken from the edge,
/// because a fast bounce may lose edges in the kernel's queue; a bounce that ends where it began reports nothing.
/// </summary>
internal sealed class DoorSwitch : IDisposable
{
    private readonly Lock _gate = new();
    private readonly GpioController _controller;
    private readonly DoorSettings _settings;
    private readonly TimeProvider _time;
    private readonly Action<DoorChange> _report;
    private readonly ITimer _settleTimer;
    private bool _started;
    private bool _disposed;
    private bool _open;
    private DateTimeOffset? _firstEdge;
    private DateTimeOffset _lastEdge;

    /// <param name="report">Called with each settled state, in order, on the GPIO event thread or a timer thread.</param>
    public DoorSwitch(GpioController controller, DoorSettings settings, TimeProvider time, Action<DoorChange> report)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(report);
        _controller = controller;
        _settings = settings;
        _time = time;
        _report = report;
        _settleTimer = time.CreateTimer(_ => Settle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The settled state: true open, false closed, null before <see cref="Start"/>.</summary>
    public bool? IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _started ? _open : null;
            }
        }
    }

    /// <summary>The input mode for the configured bias.</summary>
    public static PinMode InputMode(DoorInputBias bias) => bias switch
    {
        DoorInputBias.PullUp => PinMode.InputPullUp,
        DoorInputBias.PullDown => PinMode.InputPullDown,
        _ => PinMode.Input,
    };

    /// <summary>Opens the input, watches both edges, then reads the state and reports it once (<see cref="DoorChange.AtStart"/>).</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            _controller.OpenPin(_settings.Pin, InputMode(_settings.Bias));

            // Watched before the first read, so a change during start-up is not lost: its edge waits for this lock.
            _controller.RegisterCallbackForPinValueChangedEvent(_settings.Pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
            _open = ReadOpen();
            _started = true;
            _report(new DoorChange(_open, _time.GetUtcNow(), AtStart: true));
        }
    }

    public void Dispose()
    {
        bool started;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            started = _started;
            _settleTimer.Dispose();
        }

        // Outside the lock: a driver may wait for its event thread, which may be waiting for the lock in OnEdge.
        if (_controller.IsPinOpen(_settings.Pin))
        {
            if (started)
            {
                _controller.UnregisterCallbackForPinValueChangedEvent(_settings.Pin, OnEdge);
            }

            _controller.ClosePin(_settings.Pin);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        lock (_gate)
        {
            if (_disposed || !_started)
            {
                return;
            }

            var now = _time.GetUtcNow();
            _firstEdge ??= now;
            _lastEdge = now;
            if (_settings.Debounce <= TimeSpan.Zero)
            {
                SettleLocked(now);
                return;
            }

            _settleTimer.Change(_settings.Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Settle()
    {
        lock (_gate)
        {
            if (_disposed || _firstEdge is null)
            {
                return;
            }

            var now = _time.GetUtcNow();

            // A timer callback that was already on its way when a later edge re-armed the timer: the re-armed one decides.
            if (now - _lastEdge < _settings.Debounce)
            {
                return;
            }

            SettleLocked(now);
        }
    }

    private void SettleLocked(DateTimeOffset now)
    {
        var open = ReadOpen();
        var firstEdge = _firstEdge ?? now;
        _firstEdge = null;
        if (open == _open)
        {
            return;
        }

        _open = open;

        // Reported under the lock so changes reach the listener in order; the listener only queues and records.
        _report(new DoorChange(open, firstEdge, AtStart: false));
    }

    private bool ReadOpen() => (_controller.Read(_settings.Pin) == PinValue.High) == _settings.OpenWhenHigh;
}
