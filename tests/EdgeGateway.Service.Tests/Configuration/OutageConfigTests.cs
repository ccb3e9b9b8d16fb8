using EdgeGateway.Configuration;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>
/// The outage keys of buses and devices (issue 14, defect 3: "analyzer outages are silent"): when a device's silence
/// becomes a comm-loss, how often it is probed then, and the cap of a lost port's reopen back-off.
/// </summary>
public sealed class OutageConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-outage-config-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Analyzer_outages_are_probed_and_ports_reopened_within_10_s_by_default()
    {
        var settings = Load("""{ "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] }""", out var errors);

        Assert.Empty(errors);
        var bus = settings!.Buses[0];
        Assert.Equal(3, bus.Devices[0].Settings.DegradeAfterFailedCycles);
        Assert.True(bus.Devices[0].Settings.ProbeInterval <= TimeSpan.FromSeconds(10), $"probe interval {bus.Devices[0].Settings.ProbeInterval}");
        Assert.True(bus.ReopenMaxDelay <= TimeSpan.FromSeconds(10), $"reopen cap {bus.ReopenMaxDelay}");
    }

    [Fact]
    public void Outage_settings_are_read_per_bus_and_a_device_may_override_them()
    {
        var settings = Load("""
            { "port": "tcp://127.0.0.1:502", "degradeAfterFailedCycles": 5, "probeInterval": "5s", "reopenMaxDelay": "4s",
              "devices": [
                { "name": "cems", "profile": "cems-flue-gas", "slave": 1 },
                { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 2, "degradeAfterFailedCycles": 2, "probeInterval": "30s" } ] }
            """, out var errors);

        Assert.Empty(errors);
        var bus = settings!.Buses[0];
        Assert.Equal(TimeSpan.FromSeconds(4), bus.ReopenMaxDelay);
        Assert.Equal((5, TimeSpan.FromSeconds(5)), (bus.Devices[0].Settings.DegradeAfterFailedCycles, bus.Devices[0].Settings.ProbeInterval));
        Assert.Equal((2, TimeSpan.FromSeconds(30)), (bus.Devices[1].Settings.DegradeAfterFailedCycles, bus.Devices[1].Settings.ProbeInterval));
    }

    [Fact]
    public void Outage_settings_out_of_range_are_named_with_their_key()
    {
        Load("""
            { "port": "tcp://127.0.0.1:502", "degradeAfterFailedCycles": 0, "probeInterval": "100ms", "reopenMaxDelay": "1h",
              "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "probeInterval": "soon" } ] }
            """, out var errors);

        var text = string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));
        Assert.Contains("buses[0].degradeAfterFailedCycles:", text, StringComparison.Ordinal);
        Assert.Contains("buses[0].probeInterval: 100ms is out of range", text, StringComparison.Ordinal);
        Assert.Contains("buses[0].reopenMaxDelay: 1h is out of range", text, StringComparison.Ordinal);
        Assert.Contains("buses[0].devices[0].probeInterval: 'soon' is not", text, StringComparison.Ordinal);
        Assert.All(errors, error => Assert.EndsWith("gateway.json", error.Source, StringComparison.Ordinal));
    }

    private GatewaySettings? Load(string bus, out IReadOnlyList<ConfigError> errors)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ], "buses": [ {{bus}} ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "storage": { "directory": "{{_directory}}/state" } }
            """);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
