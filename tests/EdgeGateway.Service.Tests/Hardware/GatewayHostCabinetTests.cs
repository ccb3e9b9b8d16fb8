using EdgeGateway.Configuration;
using EdgeGateway.Hardware;
using EdgeGateway.Hosting;
using EdgeGateway.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// The service as Program builds it: with the hardware parts disabled (the default) it runs exactly as before, no
/// cabinet service and no door in the health; with the door enabled the cabinet service exists but opens GPIO only
/// when started. Nothing here starts the host: building and resolving opens the outbox in a temporary directory only.
/// </summary>
public sealed class GatewayHostCabinetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-cabinet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void With_the_hardware_section_disabled_there_is_no_cabinet_service_and_no_door_in_the_health()
    {
        using var host = GatewayHost.Build(Load("""
            "hardware": { "leds": { "enabled": false, "run": 23 }, "door": { "enabled": false, "pin": 17 } }
            """));

        Assert.DoesNotContain(host.Services.GetRequiredService<GatewayLifecycle>().Parts, service => service is CabinetService);
        Assert.Null(host.Services.GetService<CabinetDoorMonitor>());
        var health = host.Services.GetRequiredService<GatewayHealthProbe>().Collect();
        Assert.Null(health.Door);
    }

    [Fact]
    public void With_the_door_enabled_the_cabinet_service_is_first_and_the_health_shows_the_door_unknown_until_it_starts()
    {
        using var host = GatewayHost.Build(Load("""
            "hardware": { "door": { "enabled": true, "pin": 17 } }
            """));

        Assert.IsType<CabinetService>(host.Services.GetRequiredService<GatewayLifecycle>().Parts.First());
        var health = host.Services.GetRequiredService<GatewayHealthProbe>().Collect();
        Assert.Equal(DoorHealth.Unknown, health.Door);
    }

    [Fact]
    public void With_only_the_alarm_output_enabled_the_cabinet_service_exists_and_there_is_no_door_in_the_health()
    {
        using var host = GatewayHost.Build(Load("""
            "hardware": { "alarmOutput": { "enabled": true, "pin": 22 } }
            """));

        Assert.IsType<CabinetService>(host.Services.GetRequiredService<GatewayLifecycle>().Parts.First());
        Assert.Null(host.Services.GetService<CabinetDoorMonitor>());
        Assert.Null(host.Services.GetRequiredService<GatewayHealthProbe>().Collect().Door);
    }

    [Fact]
    public void The_leds_read_a_gateway_that_has_not_started_as_stuck_down_and_with_no_analyzer_answering()
    {
        using var host = GatewayHost.Build(Load("""
            "hardware": { "leds": { "enabled": true, "run": 23, "uplink": 24, "bus": 25 } }
            """));

        var inputs = host.Services.GetRequiredService<StatusLedSignals>().Read(DateTimeOffset.UtcNow);

        Assert.Equal(new StatusLedInputs(Healthy: false, UplinkCondition.Down, BusCondition.NoneAnswering), inputs);
        Assert.Equal([LedPattern.On, LedPattern.FastBlink, LedPattern.Off], [StatusLeds.RunPattern(inputs.Healthy), StatusLeds.UplinkPattern(inputs.Uplink), StatusLeds.BusPattern(inputs.Bus)]);
    }

    private GatewaySettings Load(string hardware)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "profileDirectories": [ "{{Path.Combine(AppContext.BaseDirectory, "profiles")}}" ],
              "storage": { "directory": "{{_directory}}/state" }, "control": { "socket": "{{_directory}}/control.sock" },
              {{hardware}} }
            """);
        var settings = GatewayConfigLoader.Load(file, "test", [Path.Combine(AppContext.BaseDirectory, "profiles")], out var errors);
        Assert.Empty(errors);
        return settings!;
    }
}
