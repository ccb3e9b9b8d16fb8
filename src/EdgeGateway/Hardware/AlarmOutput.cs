using System.Device.Gpio;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Hardware;

/// <summary>
/// The alarm output on a GPIO, for a relay driving a beacon on the cabinet or an LED: on (steady, or a 1 Hz blink)
/// while at least one alarm that <see cref="AlarmOutputSettings.On"/> counts is active. <see cref="Show"/> is called
/// every tick with the active alarms and the time, and the pin is written only when its level changes, so a relay is
/// not pulsed by rewriting the level it already has. The output is inactive from opening until the first
/// <see cref="Show"/> and after <see cref="TurnOff"/> (a clean stop): a stopped gateway cannot see an alarm clear, so a
/// beacon it left on would go on claiming an exceedance that may have ended; the alarms are kept in alarms.json and
/// switch the output on again within a second of the next start.
/// </summary>
internal sealed class AlarmOutput : IDisposable
{
    private readonly GpioController _controller;
    private readonly AlarmOutputSettings _settings;
    private readonly DateTimeOffset _origin;
    private bool _on;
    private bool _disposed;

    /// <summary>Opens the pin as an output at its inactive level.</summary>
    /// <param name="origin">Where the blink's timing starts: the LEDs' origin, so a blinking output is in step with them.</param>
    public AlarmOutput(GpioController controller, AlarmOutputSettings settings, DateTimeOffset origin)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(settings);
        _controller = controller;
        _settings = settings;
        _origin = origin;
        controller.OpenPin(settings.Pin, PinMode.Output, Level(false));
    }

    /// <summary>True when one of <paramref name="alarms"/> is of a rule <paramref name="trigger"/> counts.</summary>
    public static bool IsRaised(AlarmOutputTrigger trigger, IReadOnlyList<ActiveAlarm> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        foreach (var alarm in alarms)
        {
            if (trigger == AlarmOutputTrigger.Any || alarm.Rule == AlarmRule.Exceedance)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets the output for <paramref name="alarms"/> (the active alarms) at <paramref name="now"/>.</summary>
    public void Show(IReadOnlyList<ActiveAlarm> alarms, DateTimeOffset now)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pattern = !IsRaised(_settings.On, alarms) ? LedPattern.Off : _settings.Blink ? LedPattern.SlowBlink : LedPattern.On;
        Set(pattern.IsLit(now - _origin));
    }

    /// <summary>Sets the output inactive (a clean stop).</summary>
    public void TurnOff()
    {
        if (!_disposed)
        {
            Set(false);
        }
    }

    /// <summary>Sets the output inactive and releases the pin. Inactive first: a released line keeps its last level on most boards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        TurnOff();
        _disposed = true;
        if (_controller.IsPinOpen(_settings.Pin))
        {
            _controller.ClosePin(_settings.Pin);
        }
    }

    private void Set(bool on)
    {
        if (_on == on)
        {
            return;
        }

        _controller.Write(_settings.Pin, Level(on));
        _on = on;
    }

    private PinValue Level(bool on) => on != _settings.ActiveLow ? PinValue.High : PinValue.Low;
}
