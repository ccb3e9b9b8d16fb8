using System.Device.Gpio;

namespace EdgeGateway.Hardware;

/// <summary>
/// The run, uplink and bus LEDs on GPIO outputs. <see cref="Show"/> is called every tick with the gateway's state and
/// the time; each LED's level follows its pattern (<see cref="LedPatterns"/>), in step with the others, and a pin is
/// written only when its level changes. All LEDs are off from opening until the first <see cref="Show"/> and after
/// <see cref="TurnOff"/> (a clean stop), so a lit LED always means a running gateway said so.
/// </summary>
internal sealed class StatusLeds : IDisposable
{
    private readonly GpioController _controller;
    private readonly bool _activeLow;
    private readonly DateTimeOffset _origin;
    private readonly int?[] _pins;
    private readonly bool[] _lit;
    private bool _disposed;

    /// <summary>Opens the configured pins as outputs, all off.</summary>
    /// <param name="origin">Where the patterns' timing starts.</param>
    public StatusLeds(GpioController controller, LedSettings settings, DateTimeOffset origin)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(settings);
        _controller = controller;
        _activeLow = settings.ActiveLow;
        _origin = origin;
        _pins = [settings.Run, settings.Uplink, settings.Bus];
        _lit = new bool[_pins.Length];
        foreach (var pin in _pins)
        {
            if (pin is { } number)
            {
                controller.OpenPin(number, PinMode.Output, Level(false));
            }
        }
    }

    /// <summary>The run LED: a heartbeat while every loop runs; steady on when one is dead or stuck.</summary>
    public static LedPattern RunPattern(bool healthy) => healthy ? LedPattern.Heartbeat : LedPattern.On;

    /// <summary>
    /// The uplink LED: on when connected with only live data to send, a slow blink while a stored backlog drains,
    /// a fast blink while the link is down. Not off when down: off is what a stopped service or a dead LED looks like.
    /// </summary>
    public static LedPattern UplinkPattern(UplinkCondition condition) => condition switch
    {
        UplinkCondition.Connected => LedPattern.On,
        UplinkCondition.Draining => LedPattern.SlowBlink,
        _ => LedPattern.FastBlink,
    };

    /// <summary>The bus LED: on when every analyzer answers, a slow blink when some do not, off when none does.</summary>
    public static LedPattern BusPattern(BusCondition condition) => condition switch
    {
        BusCondition.AllAnswering => LedPattern.On,
        BusCondition.SomeDegraded => LedPattern.SlowBlink,
        _ => LedPattern.Off,
    };

    /// <summary>Sets every LED to its pattern's level at <paramref name="now"/>.</summary>
    public void Show(StatusLedInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var elapsed = now - _origin;
        Set(0, RunPattern(inputs.Healthy).IsLit(elapsed));
        Set(1, UplinkPattern(inputs.Uplink).IsLit(elapsed));
        Set(2, BusPattern(inputs.Bus).IsLit(elapsed));
    }

    /// <summary>Turns every LED off (a clean stop).</summary>
    public void TurnOff()
    {
        if (_disposed)
        {
            return;
        }

        for (var i = 0; i < _pins.Length; i++)
        {
            Set(i, false);
        }
    }

    /// <summary>Turns the LEDs off and releases their pins. Off first: a released line keeps its last level on most boards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        TurnOff();
        _disposed = true;
        foreach (var pin in _pins)
        {
            if (pin is { } number && _controller.IsPinOpen(number))
            {
                _controller.ClosePin(number);
            }
        }
    }

    private void Set(int led, bool lit)
    {
        if (_pins[led] is not { } pin || _lit[led] == lit)
        {
            return;
        }

        _controller.Write(pin, Level(lit));
        _lit[led] = lit;
    }

    private PinValue Level(bool lit) => lit != _activeLow ? PinValue.High : PinValue.Low;
}
