using EdgeGateway.Configuration.Documents;
using EdgeGateway.Hardware;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Configuration;

/// <summary>A bus's <c>rs485</c> section: who switches the transceiver between transmit and receive.</summary>
internal sealed class Rs485SettingsResolver(ConfigErrorCollector errors)
{
    private readonly ConfigErrorCollector _errors = errors;

    /// <summary>The gpio direction pins of this resolution, with their keys, for <see cref="CheckPins"/>.</summary>
    private readonly List<(int Pin, string Key)> _directionPins = [];

    public Rs485Settings Resolve(Rs485Document? document, ModbusEndpoint? endpoint, SerialDriver driver, string key)
    {
        if (document is null)
        {
            return Rs485Settings.Auto;
        }

        var direction = _errors.Choice(document.Direction, key + ":direction", Rs485Direction.Auto, ("auto", Rs485Direction.Auto), ("kernel", Rs485Direction.Kernel), ("gpio", Rs485Direction.Gpio));
        if (direction == Rs485Direction.Auto)
        {
            // Like a disabled hardware part, the other keys may stay in the file for a later switch to kernel or gpio;
            // and "auto" asks nothing of the port, so a bus moved to a serial server keeps its section without error.
            return Rs485Settings.Auto;
        }

        if (endpoint is { Kind: not ModbusEndpointKind.Serial })
        {
            _errors.Error(key + ":direction", $"{document.Direction} applies to serial ports only: on a tcp:// or rtu+tcp:// bus the serial server drives the RS-485 line (use auto)");
            return Rs485Settings.Auto;
        }

        var delayBefore = Rs485Delay(document.DelayBeforeSend, key + ":delayBeforeSend");
        var delayAfter = Rs485Delay(document.DelayAfterSend, key + ":delayAfterSend");
        if (direction == Rs485Direction.Kernel)
        {
            if (driver == SerialDriver.SystemIOPorts)
            {
                _errors.Error(key + ":direction", "kernel needs the posix serial driver (remove driver \"system.io.ports\" from the bus, or use gpio)");
            }

            return new Rs485Settings(direction, null, false, delayBefore, delayAfter, document.RtsOnSend ?? true);
        }

        int? pin = null;
        if (document.Pin is null)
        {
            _errors.Error(key + ":pin", "is required for direction gpio: the BCM GPIO wired to the transceiver's DE and /RE");
        }
        else
        {
            pin = _errors.Whole(document.Pin, key + ":pin", 0, 0, HardwareSettingsResolver.MaxGpio);
            if (document.Pin is >= 0 and <= HardwareSettingsResolver.MaxGpio)
            {
                _directionPins.Add((pin.Value, key + ":pin"));
            }
        }

        return new Rs485Settings(direction, pin, document.ActiveLow ?? false, delayBefore, delayAfter, document.RtsOnSend ?? true);
    }

    /// <summary>0 to 100 ms in whole milliseconds: the kernel's serial_rs485 counts milliseconds and clamps at 100.</summary>
    private TimeSpan Rs485Delay(string? text, string key)
    {
        var delay = _errors.Duration(text, key, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(KernelRs485Settings.MaxDelayMilliseconds));
        if (delay.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            _errors.Error(key, $"{text} is not a whole number of milliseconds");
            return TimeSpan.Zero;
        }

        return delay;
    }

    /// <summary>A direction pin drives a transceiver: it must not also be another bus's, an LED, the door switch or the alarm output.</summary>
    public void CheckPins(HardwareSettings hardware)
    {
        var pins = new Dictionary<int, string>();
        foreach (var (pin, key) in HardwareSettingsResolver.GpioPins(hardware))
        {
            if (pin is { } number)
            {
                pins.TryAdd(number, key);
            }
        }

        foreach (var (pin, key) in _directionPins)
        {
            if (!pins.TryAdd(pin, key))
            {
                _errors.Error(key, $"GPIO {pin} is already used by {ConfigKeyPath.ToDisplay(pins[pin])}");
            }
        }
    }
}
