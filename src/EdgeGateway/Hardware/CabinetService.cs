using System.Device.Gpio;
using System.Globalization;
using EdgeGateway.Pipeline.Alarms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hardware;

/// <summary>
/// The cabinet's GPIO parts: the status LEDs, the door switch and the alarm output. Registered only when one of them
/// is enabled (<see cref="CabinetServiceRegistration"/>), so without them no GPIO is touched. The controller and the
/// pins are opened at start; when that fails the start fails with the config keys to look at, and the service exits 1
/// rather than run a cabinet whose door is not watched. LEDs and the alarm output follow the gateway's state every
/// <see cref="Tick"/>, read anew every <see cref="InputsInterval"/>; at a clean stop they go off and the pins are
/// released.
/// </summary>
internal sealed partial class CabinetService(
    HardwareSettings hardware,
    Func<DateTimeOffset, StatusLedInputs> readLedInputs,
    Func<IReadOnlyList<ActiveAlarm>> readAlarms,
    CabinetDoorMonitor? door,
    TimeProvider time,
    ILogger<CabinetService> logger,
    Func<int?, GpioController>? openController = null) : BackgroundService
{
    /// <summary>The LED update period: fine enough for the 100 ms flashes of the patterns.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>How often the gateway's state is read for the LEDs and the alarm output.</summary>
    public static readonly TimeSpan InputsInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _hardwareGate = new();
    private readonly Func<int?, GpioController> _openController = openController ?? GpioOpener.Open;
    private GpioController? _controller;
    private StatusLeds? _leds;
    private AlarmOutput? _alarmOutput;
    private DoorSwitch? _doorSwitch;
    private bool _released;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (hardware.Door is not null && door is null)
        {
            throw new InvalidOperationException("the door switch is enabled but nothing receives its events");
        }

        OpenHardware();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        ReleaseHardware();
    }

    public override void Dispose()
    {
        ReleaseHardware();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_leds is null && _alarmOutput is null)
        {
            return;
        }

        StatusLedInputs? inputs = null;
        IReadOnlyList<ActiveAlarm> alarms = [];
        var nextRead = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(Tick, time);
        do
        {
            var now = time.GetUtcNow();
            if (now >= nextRead)
            {
                inputs = _leds is null ? null : readLedInputs(now);
                alarms = _alarmOutput is null ? [] : readAlarms();
                nextRead = now + InputsInterval;
            }

            lock (_hardwareGate)
            {
                if (_released)
                {
                    return;
                }

                if (inputs is not null)
                {
                    _leds?.Show(inputs, now);
                }

                _alarmOutput?.Show(alarms, now);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void OpenHardware()
    {
        var controller = Open();
        var origin = time.GetUtcNow();
        try
        {
            lock (_hardwareGate)
            {
                _controller = controller;
                if (hardware.Leds is { } leds)
                {
                    _leds = OpenPins("hardware.leds", $"GPIO {string.Join(", ", new[] { leds.Run, leds.Uplink, leds.Bus }.OfType<int>())} as outputs", () => new StatusLeds(controller, leds, origin));
                    LogLeds(logger, PinName(leds.Run), PinName(leds.Uplink), PinName(leds.Bus));
                }

                if (hardware.AlarmOutput is { } alarmOutput)
                {
                    _alarmOutput = OpenPins("hardware.alarmOutput", $"GPIO {alarmOutput.Pin} as an output", () => new AlarmOutput(controller, alarmOutput, origin));
                    LogAlarmOutput(logger, alarmOutput.Pin, alarmOutput.On == AlarmOutputTrigger.Any ? "exceedance or pre-warning" : "exceedance", alarmOutput.Blink ? "blinking" : "steady", alarmOutput.ActiveLow ? "low" : "high");
                }

                if (hardware.Door is { } settings)
                {
                    var monitor = door!;
                    _doorSwitch = OpenPins("hardware.door", $"GPIO {settings.Pin} as an input (bias {settings.Bias})", () =>
                    {
                        var doorSwitch = new DoorSwitch(controller, settings, time, monitor.Report);
                        try
                        {
                            doorSwitch.Start();
                            return doorSwitch;
                        }
                        catch
                        {
                            doorSwitch.Dispose();
                            throw;
                        }
                    });
                    LogDoor(logger, settings.Pin, settings.OpenWhenHigh ? "high" : "low", settings.Debounce.TotalMilliseconds);
                }
            }
        }
        catch
        {
            ReleaseHardware();
            throw;
        }
    }

    private GpioController Open()
    {
        try
        {
            return _openController(hardware.GpioChip);
        }
        catch (InvalidOperationException exception)
        {
            List<string> keys = [];
            if (hardware.Leds is not null)
            {
                keys.Add("hardware.leds");
            }

            if (hardware.Door is not null)
            {
                keys.Add("hardware.door");
            }

            if (hardware.AlarmOutput is not null)
            {
                keys.Add("hardware.alarmOutput");
            }

            var parts = keys.Count == 1 ? keys[0] : $"{string.Join(", ", keys.Take(keys.Count - 1))} and {keys[^1]}";
            throw new InvalidOperationException(
                $"{parts} {(keys.Count == 1 ? "is" : "are")} enabled{(hardware.GpioChip is { } chip ? $" on hardware.gpioChip {chip}" : string.Empty)}, but {exception.Message}",
                exception);
        }
    }

    // Drivers report a busy line, a mode the pin lacks or a pin out of range with many exception types (some of them
    // internal to System.Device.Gpio), so any failure here is a start-up error that names the part's keys.
    private static T OpenPins<T>(string key, string what, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{key}: {what} cannot be opened: {exception.Message} (is the pin used by another program or a device-tree overlay?)", exception);
        }
    }

    private static string PinName(int? pin) => pin?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private void ReleaseHardware()
    {
        lock (_hardwareGate)
        {
            if (_released)
            {
                return;
            }

            _released = true;
            _doorSwitch?.Dispose();
            _alarmOutput?.Dispose();
            _leds?.Dispose();
            _controller?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Status LEDs: run on GPIO {Run}, uplink on GPIO {Uplink}, bus on GPIO {Bus}")]
    private static partial void LogLeds(ILogger logger, string run, string uplink, string bus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm output on GPIO {Pin}: on while an {Trigger} is active, {Mode}, active {ActiveLevel}")]
    private static partial void LogAlarmOutput(ILogger logger, int pin, string trigger, string mode, string activeLevel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Door switch on GPIO {Pin}, open when {OpenWhen}, debounced {DebounceMilliseconds} ms")]
    private static partial void LogDoor(ILogger logger, int pin, string openWhen, double debounceMilliseconds);
}
