using EdgeGateway.Configuration;
using EdgeGateway.Hardware;
using EdgeGateway.Hosting;
using EdgeGateway.Uplink.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>What the host builds (without starting it) with and without the I2C parts configured.</summary>
public sealed class HardwareWiringTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-wiring-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_hardware_nothing_of_it_is_created_and_the_clock_is_the_kernels()
    {
        using var host = GatewayHost.Build(Load(string.Empty));

        var services = host.Services.GetRequiredService<GatewayLifecycle>().Parts.ToList();
        var runtime = host.Services.GetRequiredService<GatewayRuntime>();

        Assert.DoesNotContain(services, service => service is CabinetClimateService or RtcService);
        Assert.Null(runtime.Rtc);
        Assert.IsType<LinuxClockStatusProbe>(runtime.Clock);
        Assert.Null(runtime.Clock.Probe().Trusted);
    }

    [Fact]
    public void With_rtc_and_climate_their_services_run_and_the_clock_reports_the_rtc()
    {
        // No /dev/i2c-9 here: nothing is opened until the services start, and then a missing bus is logged, not fatal.
        using var host = GatewayHost.Build(Load("""
            "hardware": { "rtc": { "enabled": true, "i2cBus": 9 }, "climate": { "enabled": true, "i2cBus": 9 } },
            """));

        var services = host.Services.GetRequiredService<GatewayLifecycle>().Parts.ToList();
        var runtime = host.Services.GetRequiredService<GatewayRuntime>();

        Assert.Single(services.OfType<CabinetClimateService>());
        Assert.Single(services.OfType<RtcService>());
        Assert.Same(runtime.Rtc, runtime.Clock);
        Assert.False(runtime.Rtc!.IsTimeTrusted);
    }

    private GatewaySettings Load(string hardware)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            {
              "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ],
              "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, {{hardware}}
              "storage": { "directory": "{{_directory}}/state" }, "control": { "socket": "{{_directory}}/control.sock" }
            }
            """);
        var settings = GatewayConfigLoader.Load(file, "test", [Profiles], out var errors);
        Assert.Empty(errors);
        return settings!;
    }
}
