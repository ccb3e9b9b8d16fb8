using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.WebConsole.Tests;

/// <summary>
/// A cabinet for the browser tests: our simulator serving a flue-gas CEMS on Modbus TCP, the service (edge-gateway)
/// polling it every second with an SO2 limit far below what the analyzer reads (so an exceedance is raised at the first
/// minute record, not after minutes), and no reachable broker (the console does not need the uplink). Each test starts
/// its own console (<see cref="StartConsole"/>) on the same gateway.json with its own port and users file.
/// </summary>
public sealed class ConsoleSite : IAsyncLifetime
{
    private SimulatorServer? _cems;
    private ChildProcess? _gateway;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("egw-console-site-").FullName;

    public string ControlSocket => Path.Combine(Directory, "control.sock");

    public ValueTask InitializeAsync()
    {
        Chromium.Require();
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(BuiltBinaries.ProfileDirectory, "cems-flue-gas.json"));
        _cems = SimulatorServer.Start(ModbusEndpoint.Parse("tcp://127.0.0.1:0"), new Dictionary<byte, SimulatedAnalyzer> { [1] = new(profile) }, new SimulatorServerOptions());
        var configFile = WriteConfig("gateway.json", listen: null, usersFile: null);
        _gateway = ChildProcess.Start(BuiltBinaries.Gateway, "--config", configFile);
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts edge-gateway-console on a free loopback port; returns it and its URL once it listens.</summary>
    public async Task<(ChildProcess Console, string Url)> StartConsole(string usersFile)
    {
        var port = FreePort.Next();
        var configFile = WriteConfig($"console-{port}.json", $"127.0.0.1:{port}", usersFile);
        var console = ChildProcess.Start(BuiltBinaries.Console, "--config", configFile);
        await console.WaitForLineAsync(line => line.Contains($"http://127.0.0.1:{port}/", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return (console, $"http://127.0.0.1:{port}/");
    }

    public string GatewayOutput => _gateway?.Output ?? string.Empty;

    public ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        _cems?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }

        return ValueTask.CompletedTask;
    }

    private string WriteConfig(string name, string? listen, string? usersFile)
    {
        var console = listen is null ? string.Empty : $$""", "console": { "listen": "{{listen}}", "usersFile": "{{usersFile}}" }""";
        var file = Path.Combine(Directory, name);
        File.WriteAllText(file, $$"""
            {
              "gatewayId": "console-test",
              "site": { "name": "web console test" },
              "profileDirectories": [ "{{BuiltBinaries.ProfileDirectory}}" ],
              "buses": [ { "name": "cems-tcp", "port": "{{_cems!.Endpoint}}", "timeout": "300ms",
                           "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "1s" } ] } ],
              "outlets": [ { "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "flowChannel": "cems.flow" } ],
              "limits": [ { "channel": "cems.so2", "quantity": "realTime", "limit": 0.5, "unit": "mg/m³", "preWarning": 0 } ],
              "uplink": { "broker": "mqtt://127.0.0.1:{{FreePort.Next()}}", "clientId": "egw-console-test" },
              "storage": { "directory": "{{Directory}}/state", "maxSize": "64MiB" },
              "control": { "socket": "{{ControlSocket}}" }{{console}}
            }
            """);
        return file;
    }
}
