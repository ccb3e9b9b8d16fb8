using EdgeGateway.Configuration;
using EdgeGateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>The one hosted service: the parts' order at start and stop, and what a part's failure does to it.</summary>
public sealed class GatewayLifecycleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-lifecycle-").FullName;
    private readonly List<string> _log = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_parts_start_in_their_order_and_stop_in_reverse()
    {
        using var lifecycle = new GatewayLifecycle([new RecordingPart("a", _log), new RecordingPart("b", _log), new RecordingPart("c", _log)]);

        await lifecycle.StartAsync(Token);
        await lifecycle.StopAsync(Token);

        Assert.Equal(["start a", "start b", "start c", "stop c", "stop b", "stop a"], _log);
    }

    [Fact]
    public async Task A_part_that_fails_to_start_stops_the_start_with_its_exception_before_the_later_parts()
    {
        using var lifecycle = new GatewayLifecycle([new RecordingPart("a", _log), new RecordingPart("b", _log, new InvalidOperationException("no GPIO")), new RecordingPart("c", _log)]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lifecycle.StartAsync(Token));

        Assert.Equal("no GPIO", error.Message);
        Assert.Equal(["start a", "start b"], _log);
    }

    [Fact]
    public async Task A_part_whose_loop_fails_fails_the_lifecycle_with_the_parts_exception_so_the_host_stops()
    {
        using var lifecycle = new GatewayLifecycle([new RecordingPart("a", _log), new LoopPart(new InvalidOperationException("the loop failed"))]);

        await lifecycle.StartAsync(Token);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lifecycle.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Token));
        await lifecycle.StopAsync(Token);

        Assert.Equal("the loop failed", error.Message);
        Assert.Equal(["start a", "stop a"], _log);
    }

    [Fact]
    public async Task Loops_that_end_by_themselves_or_on_the_stop_are_not_failures()
    {
        using var lifecycle = new GatewayLifecycle([new LoopPart(null), new LoopPart(null, runUntilStopped: true)]);

        await lifecycle.StartAsync(Token);
        await lifecycle.StopAsync(Token);

        Assert.True(lifecycle.ExecuteTask!.IsCompleted);
        Assert.False(lifecycle.ExecuteTask.IsFaulted);
    }

    [Fact]
    public void The_host_runs_one_hosted_service_whose_parts_start_uplink_pipeline_buses_then_watchdog_health_and_control()
    {
        var file = Path.Combine(_directory, "gateway.json");
        var profiles = Path.Combine(AppContext.BaseDirectory, "profiles");
        File.WriteAllText(file, $$"""
            {
              "gatewayId": "gw", "profileDirectories": [ "{{profiles}}" ],
              "buses": [ { "name": "one", "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] },
                         { "name": "two", "port": "tcp://127.0.0.1:503", "devices": [ { "name": "dust", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1" },
              "storage": { "directory": "{{_directory}}/state" }, "control": { "socket": "{{_directory}}/control.sock" }
            }
            """);
        var settings = GatewayConfigLoader.Load(file, "test", [profiles], out var errors);
        Assert.Empty(errors);
        using var host = GatewayHost.Build(settings!);

        var hosted = Assert.Single(host.Services.GetServices<IHostedService>());
        var parts = Assert.IsType<GatewayLifecycle>(hosted).Parts;

        Assert.Equal([typeof(UplinkService), typeof(PlatformService), typeof(PipelineService), typeof(BusService), typeof(BusService), typeof(WatchdogService), typeof(HealthReporter), typeof(ControlEndpointService)], parts.Select(part => part.GetType()));
        Assert.Equal(["one", "two"], parts.OfType<BusService>().Select(bus => bus.Poller.Name));
    }
}
