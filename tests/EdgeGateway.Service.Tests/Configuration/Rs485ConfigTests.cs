using EdgeGateway.Configuration;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>A bus's <c>rs485</c> section: what it resolves to, and each mistake reported with its key path.</summary>
public sealed class Rs485ConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-rs485-").FullName;
    private int _devices;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Gpio_kernel_and_auto_resolve_and_auto_is_the_default_and_allowed_on_a_tcp_bus()
    {
        var settings = Load(
            Bus("/dev/null", """ "rs485": { "direction": "gpio", "pin": 18, "activeLow": true, "delayBeforeSend": "1ms", "delayAfterSend": "2ms" } """),
            Bus("/dev/null", """ "rs485": { "direction": "kernel", "rtsOnSend": false, "delayAfterSend": "100ms" } """),
            Bus("tcp://127.0.0.1:502", """ "rs485": { "direction": "auto", "pin": 4 } """),
            Bus("/dev/null", null),
            out var errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal(new Rs485Settings(Rs485Direction.Gpio, 18, true, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), true), settings.Buses[0].Rs485);
        Assert.Equal(new Rs485Settings(Rs485Direction.Kernel, null, false, TimeSpan.Zero, TimeSpan.FromMilliseconds(100), false), settings.Buses[1].Rs485);
        Assert.Equal(Rs485Settings.Auto, settings.Buses[2].Rs485);
        Assert.Equal(Rs485Settings.Auto, settings.Buses[3].Rs485);
    }

    [Fact]
    public void Mistakes_are_each_reported_with_their_key()
    {
        Load(
            Bus("tcp://127.0.0.1:502", """ "rs485": { "direction": "gpio", "pin": 18 } """),
            Bus("/dev/null", """ "rs485": { "direction": "manual" } """),
            Bus("/dev/null", """ "rs485": { "direction": "gpio", "delayBeforeSend": "1.5ms", "delayAfterSend": "101ms" } """),
            Bus("/dev/null", """ "rs485": { "direction": "gpio", "pin": 600 } """),
            out var errors);

        var text = Describe(errors);
        Assert.Contains("buses[0].rs485.direction: gpio applies to serial ports only", text, StringComparison.Ordinal);
        Assert.Contains("buses[1].rs485.direction: 'manual' is not one of: auto, kernel, gpio", text, StringComparison.Ordinal);
        Assert.Contains("buses[2].rs485.pin: is required for direction gpio: the BCM GPIO wired to the transceiver's DE and /RE", text, StringComparison.Ordinal);
        Assert.Contains("buses[2].rs485.delayBeforeSend: 1.5ms is not a whole number of milliseconds", text, StringComparison.Ordinal);
        Assert.Contains("buses[2].rs485.delayAfterSend: 101ms is out of range: from ", text, StringComparison.Ordinal);
        Assert.Contains("buses[3].rs485.pin: 600 is out of range: from 0 to 511", text, StringComparison.Ordinal);
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void The_kernel_mode_needs_the_posix_driver()
    {
        Load(Bus("/dev/null", """ "driver": "system.io.ports", "rs485": { "direction": "kernel" } """), null, null, null, out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("buses[0].rs485.direction", error.Key);
        Assert.StartsWith("kernel needs the posix serial driver", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_direction_pin_must_not_be_another_bus_pin_or_an_led()
    {
        Load(
            Bus("/dev/null", """ "rs485": { "direction": "gpio", "pin": 23 } """),
            Bus("/dev/null", """ "rs485": { "direction": "gpio", "pin": 18 } """),
            Bus("/dev/null", """ "rs485": { "direction": "gpio", "pin": 18 } """),
            null,
            out var errors,
            """ "hardware": { "leds": { "enabled": true, "run": 23 } }, """);

        var text = Describe(errors);
        Assert.Contains("buses[0].rs485.pin: GPIO 23 is already used by hardware.leds.run", text, StringComparison.Ordinal);
        Assert.Contains("buses[2].rs485.pin: GPIO 18 is already used by buses[1].rs485.pin", text, StringComparison.Ordinal);
        Assert.Equal(2, errors.Count);
    }

    private static string Describe(IReadOnlyList<ConfigError> errors) => string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));

    /// <summary>One bus with one device; <paramref name="extra"/> is more of the bus's keys, e.g. its rs485 section.</summary>
    private string Bus(string port, string? extra) =>
        $$"""{ "port": "{{port}}", {{(extra is null ? string.Empty : extra + ",")}} "devices": [ { "name": "dev{{++_devices}}", "profile": "cems-flue-gas", "slave": 1 } ] }""";

    private GatewaySettings? Load(string first, string? second, string? third, string? fourth, out IReadOnlyList<ConfigError> errors, string hardware = "")
    {
        var buses = string.Join(", ", new[] { first, second, third, fourth }.OfType<string>());
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ], {{hardware}}
              "buses": [ {{buses}} ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "storage": { "directory": "{{_directory}}/state" } }
            """);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
