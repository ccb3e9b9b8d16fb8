using EdgeGateway.Configuration;
using EdgeGateway.Hardware;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The climate sensor's channels in the channel table, and nothing at all when no hardware is configured.</summary>
public sealed class HardwareChannelsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-hardware-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_hardware_the_channels_are_the_analyzers_only()
    {
        var settings = Load(string.Empty, out var errors);

        Assert.Empty(errors);
        Assert.Equal(HardwareSettings.None, settings!.Hardware);
        Assert.All(settings.Channels.Channels, channel => Assert.Equal("cems", channel.Device));
    }

    [Fact]
    public void An_enabled_climate_sensor_adds_its_two_channels_after_the_analyzers()
    {
        var settings = Load("""
            "hardware": { "climate": { "enabled": true, "sensor": "bme280", "device": "cab", "interval": "30s", "temperatureHigh": 45 },
                          "rtc": { "enabled": false } },
            """, out var errors);

        Assert.Empty(errors);
        var channels = settings!.Channels.Channels;
        Assert.Equal(["cab.temperature", "cab.humidity"], channels.TakeLast(2).Select(channel => channel.Key));
        Assert.Equal(["°C", "%"], channels.TakeLast(2).Select(channel => channel.Unit));
        Assert.Equal(new ClimateSettings(ClimateSensorKind.Bme280, 1, 0x77, "cab", TimeSpan.FromSeconds(30), 45, null), settings.Hardware.Climate);
        Assert.Null(settings.Hardware.Rtc);
    }

    [Fact]
    public void The_climate_channels_take_per_channel_settings_like_an_analyzers()
    {
        var settings = Load("""
            "hardware": { "climate": { "enabled": true, "channels": { "temperature": { "stuckAfter": "1h", "code": "i33103" } } } },
            """, out var errors);

        Assert.Empty(errors);
        var temperature = settings!.Channels.Channels.Single(channel => channel.Key == "cabinet.temperature");
        Assert.Equal("i33103", temperature.Code);
        Assert.Equal(TimeSpan.FromHours(1), settings.InitialChannelState[temperature.Index].Rules?.StuckAfter);

        Load("""
            "hardware": { "climate": { "enabled": true, "channels": { "pressure": { "stuckAfter": "1h" } } } },
            """, out errors);
        Assert.Contains(errors, error => error.Key == "hardware.climate.channels.pressure");
    }

    [Fact]
    public void The_climate_device_may_not_take_an_analyzers_name()
    {
        Load("""
            "hardware": { "climate": { "enabled": true, "device": "cems" } },
            """, out var errors);

        Assert.Contains(errors, error => error.Key == "hardware.climate.device" && error.Message.Contains("already the name", StringComparison.Ordinal));
    }

    private GatewaySettings? Load(string hardware, out IReadOnlyList<ConfigError> errors)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            {
              "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ],
              "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, {{hardware}}
              "storage": { "directory": "{{_directory}}" }
            }
            """);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
