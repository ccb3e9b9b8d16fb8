using EdgeGateway.Configuration.Documents;
using EdgeGateway.Hardware;

namespace EdgeGateway.Configuration;

/// <summary>The <c>hardware</c> section: each part resolved only when enabled, so a disabled part's keys may stay in the file.</summary>
internal sealed class HardwareSettingsResolver(ConfigErrorCollector errors)
{
    // Raspberry Pi header GPIOs are 0-27; larger boards and expanders go higher, but not past a libgpiod chip's size.
    public const int MaxGpio = 511;

    private readonly ConfigErrorCollector _errors = errors;

    public HardwareSettings Resolve(HardwareDocument? document)
    {
        if (document is null)
        {
            return HardwareSettings.None;
        }

        int? chip = document.GpioChip is null ? null : _errors.Whole(document.GpioChip, "hardware:gpioChip", 0, 0, 15);
        var leds = document.Leds is { Enabled: true } ledDocument ? ResolveLeds(ledDocument) : null;
        var door = document.Door is { Enabled: true } doorDocument ? ResolveDoor(doorDocument) : null;
        var rtc = document.Rtc is { Enabled: true } rtcDocument ? ResolveRtc(rtcDocument) : null;
        var climate = document.Climate is { Enabled: true } climateDocument ? ResolveClimate(climateDocument) : null;
        var alarmOutput = document.AlarmOutput is { Enabled: true } alarmOutputDocument ? ResolveAlarmOutput(alarmOutputDocument) : null;
        var hardware = new HardwareSettings(chip, leds, door, rtc, climate, alarmOutput);
        var pins = new Dictionary<int, string>();
        foreach (var (pin, key) in GpioPins(hardware))
        {
            if (pin is { } number && !pins.TryAdd(number, key))
            {
                _errors.Error(key, $"GPIO {number} is already used by {ConfigKeyPath.ToDisplay(pins[number])}");
            }
        }

        return hardware;
    }

    /// <summary>The cabinet parts' GPIO pins with their keys, in the order a clash is reported (the later key is named).</summary>
    public static (int? Pin, string Key)[] GpioPins(HardwareSettings hardware) =>
    [
        (hardware.Leds?.Run, "hardware:leds:run"), (hardware.Leds?.Uplink, "hardware:leds:uplink"), (hardware.Leds?.Bus, "hardware:leds:bus"),
        (hardware.Door?.Pin, "hardware:door:pin"), (hardware.AlarmOutput?.Pin, "hardware:alarmOutput:pin"),
    ];

    private LedSettings ResolveLeds(LedsDocument document)
    {
        int? Pin(int? value, string name) => value is null ? null : _errors.Whole(value, "hardware:leds:" + name, 0, 0, MaxGpio);
        var settings = new LedSettings(Pin(document.Run, "run"), Pin(document.Uplink, "uplink"), Pin(document.Bus, "bus"), document.ActiveLow ?? false);
        if (settings is { Run: null, Uplink: null, Bus: null })
        {
            _errors.Error("hardware:leds", "is enabled but names no pin: give run, uplink and/or bus (BCM GPIO numbers)");
        }

        return settings;
    }

    private DoorSettings? ResolveDoor(DoorDocument document)
    {
        if (document.Pin is null)
        {
            _errors.Error("hardware:door:pin", "is required when the door switch is enabled (a BCM GPIO number)");
            return null;
        }

        return new DoorSettings(
            _errors.Whole(document.Pin, "hardware:door:pin", 0, 0, MaxGpio),
            _errors.Choice(document.OpenWhen, "hardware:door:openWhen", true, ("high", true), ("low", false)),
            _errors.Choice(document.Bias, "hardware:door:bias", DoorInputBias.PullUp, ("pullUp", DoorInputBias.PullUp), ("pullDown", DoorInputBias.PullDown), ("none", DoorInputBias.None)),
            _errors.Duration(document.Debounce, "hardware:door:debounce", TimeSpan.FromMilliseconds(50), TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }

    private AlarmOutputSettings? ResolveAlarmOutput(AlarmOutputDocument document)
    {
        if (document.Pin is null)
        {
            _errors.Error("hardware:alarmOutput:pin", "is required when the alarm output is enabled (a BCM GPIO number)");
            return null;
        }

        return new AlarmOutputSettings(
            _errors.Whole(document.Pin, "hardware:alarmOutput:pin", 0, 0, MaxGpio),
            document.ActiveLow ?? false,
            _errors.Choice(document.On, "hardware:alarmOutput:on", AlarmOutputTrigger.Exceedance, ("exceedance", AlarmOutputTrigger.Exceedance), ("any", AlarmOutputTrigger.Any)),
            document.Blink ?? false);
    }

    private RtcSettings ResolveRtc(RtcDocument document)
    {
        _errors.Choice(document.Chip, "hardware:rtc:chip", "ds3231", ("ds3231", "ds3231"));
        return new RtcSettings(_errors.Whole(document.I2cBus, "hardware:rtc:i2cBus", 1, 0, 255), _errors.Whole(document.Address, "hardware:rtc:address", 0x68, 0x03, 0x77));
    }

    private ClimateSettings ResolveClimate(ClimateDocument document)
    {
        var sensor = _errors.Choice(document.Sensor, "hardware:climate:sensor", ClimateSensorKind.Sht3x, ("sht3x", ClimateSensorKind.Sht3x), ("bme280", ClimateSensorKind.Bme280));
        var device = document.Device ?? "cabinet";
        if (!ConfigPatterns.Name().IsMatch(device))
        {
            _errors.Error("hardware:climate:device", $"'{device}' may hold only letters, digits, '-', '_' and '.'");
        }

        double? Limit(double? value, string name, double min, double max)
        {
            if (value is { } number && (!double.IsFinite(number) || number < min || number > max))
            {
                _errors.Error("hardware:climate:" + name, $"{number} is out of range: from {min} to {max}");
                return null;
            }

            return value;
        }

        return new ClimateSettings(
            sensor,
            _errors.Whole(document.I2cBus, "hardware:climate:i2cBus", 1, 0, 255),
            _errors.Whole(document.Address, "hardware:climate:address", sensor == ClimateSensorKind.Sht3x ? 0x44 : 0x77, 0x03, 0x77),
            device,
            _errors.Duration(document.Interval, "hardware:climate:interval", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            Limit(document.TemperatureHigh, "temperatureHigh", -40, 125),
            Limit(document.HumidityHigh, "humidityHigh", 0, 100));
    }
}
