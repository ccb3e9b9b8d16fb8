using EdgeGateway.Configuration;
using EdgeGateway.Hardware;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary><c>hardware.alarmOutput</c>: what it resolves to, and each mistake reported with its key path.</summary>
public sealed class AlarmOutputConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-alarm-output-config-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Enabled_with_a_pin_it_is_steady_active_high_and_on_for_exceedances_only()
    {
        var settings = Load(""" "hardware": { "alarmOutput": { "enabled": true, "pin": 22 } }, """, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new AlarmOutputSettings(22, ActiveLow: false, AlarmOutputTrigger.Exceedance, Blink: false), settings!.Hardware.AlarmOutput);
        Assert.True(settings.Hardware.UsesGpio);
    }

    [Fact]
    public void Every_key_resolves()
    {
        var settings = Load(""" "hardware": { "alarmOutput": { "enabled": true, "pin": 27, "activeLow": true, "on": "any", "blink": true } }, """, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new AlarmOutputSettings(27, ActiveLow: true, AlarmOutputTrigger.Any, Blink: true), settings!.Hardware.AlarmOutput);
    }

    [Fact]
    public void Absent_or_disabled_it_is_off_and_its_other_keys_are_not_checked()
    {
        var absent = Load(string.Empty, out var absentErrors);
        var disabled = Load(""" "hardware": { "alarmOutput": { "enabled": false, "pin": 900, "on": "always" } }, """, out var disabledErrors);

        Assert.Empty(absentErrors);
        Assert.Empty(disabledErrors);
        Assert.Null(absent!.Hardware.AlarmOutput);
        Assert.Null(disabled!.Hardware.AlarmOutput);
        Assert.False(disabled.Hardware.UsesGpio);
    }

    [Fact]
    public void Mistakes_are_each_reported_with_their_key()
    {
        Load(""" "hardware": { "alarmOutput": { "enabled": true, "pin": 600, "on": "always" } }, """, out var badValues);
        Load(""" "hardware": { "alarmOutput": { "enabled": true } }, """, out var noPin);

        var text = Describe(badValues);
        Assert.Contains("hardware.alarmOutput.pin: 600 is out of range: from 0 to 511", text, StringComparison.Ordinal);
        Assert.Contains("hardware.alarmOutput.on: 'always' is not one of: exceedance, any", text, StringComparison.Ordinal);
        Assert.Equal(2, badValues.Count);
        Assert.Equal("hardware.alarmOutput.pin: is required when the alarm output is enabled (a BCM GPIO number)", Describe(noPin));
    }

    [Fact]
    public void Its_pin_must_not_be_an_led_or_the_door_switch()
    {
        Load(""" "hardware": { "leds": { "enabled": true, "run": 23 }, "alarmOutput": { "enabled": true, "pin": 23 } }, """, out var withLed);
        Load(""" "hardware": { "door": { "enabled": true, "pin": 17 }, "alarmOutput": { "enabled": true, "pin": 17 } }, """, out var withDoor);

        Assert.Equal("hardware.alarmOutput.pin: GPIO 23 is already used by hardware.leds.run", Describe(withLed));
        Assert.Equal("hardware.alarmOutput.pin: GPIO 17 is already used by hardware.door.pin", Describe(withDoor));
    }

    [Fact]
    public void An_rs485_direction_pin_must_not_be_the_alarm_output()
    {
        Load(""" "hardware": { "alarmOutput": { "enabled": true, "pin": 18 } }, """, out var errors, """ "rs485": { "direction": "gpio", "pin": 18 }, """);

        Assert.Equal("buses[0].rs485.pin: GPIO 18 is already used by hardware.alarmOutput.pin", Describe(errors));
    }

    private static string Describe(IReadOnlyList<ConfigError> errors) => string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));

    private GatewaySettings? Load(string hardware, out IReadOnlyList<ConfigError> errors, string rs485 = "")
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ], {{hardware}}
              "buses": [ { "port": "/dev/null", {{rs485}} "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "storage": { "directory": "{{_directory}}/state" } }
            """);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
