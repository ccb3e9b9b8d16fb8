using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Interop.Tests.Alarms;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Interop.Tests.Service;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;
using EdgeGateway.Simulator.Signals;

namespace EdgeGateway.Interop.Tests.Restart;

/// <summary>
/// What the restart tests start over: a simulated wastewater analyzer (COD held at one value, a retainSample sampler)
/// on Modbus TCP, mosquitto, the platform's subscriber, a virtual field clock, and a gateway.json with a COD limit
/// whose state directory lives as long as the site.
/// </summary>
internal sealed class RestartSite : IAsyncDisposable
{
    public const string GatewayId = "restart";

    private readonly string _directory;
    private readonly MosquittoBroker _broker;
    private readonly SimulatorServer _server;

    private RestartSite(string directory, VirtualFieldClock clock, SimulatedAnalyzer water, MosquittoBroker broker, SimulatorServer server, PlatformSubscriber platform)
    {
        _directory = directory;
        Clock = clock;
        Water = water;
        _broker = broker;
        _server = server;
        Platform = platform;
        ConfigFile = Path.Combine(directory, "gateway.json");
        File.WriteAllText(ConfigFile, Config(server.Endpoint.ToString(), broker.Port, directory));
    }

    public VirtualFieldClock Clock { get; }

    public SimulatedAnalyzer Water { get; }

    public PlatformSubscriber Platform { get; }

    public string ConfigFile { get; }

    public static async Task<RestartSite> StartAsync(string directoryPrefix, DateTimeOffset start, double cod)
    {
        PeerRequirements.RequireMosquitto();
        var directory = Directory.CreateTempSubdirectory(directoryPrefix).FullName;
        var clock = new VirtualFieldClock(start);
        var water = new SimulatedAnalyzer(DeviceProfileLoader.LoadFile(Path.Combine(GatewayBinary.ProfileDirectory, "wastewater-cod-nh3n.json")), new SimulatedAnalyzerOptions { Clock = clock });
        water.SetSignal("cod", new ConstantSignal(cod));
        var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions());
        var server = SimulatorServer.Start(ModbusEndpoint.Parse("tcp://127.0.0.1:0"), new Dictionary<byte, SimulatedAnalyzer> { [5] = water }, new SimulatorServerOptions { UpdateInterval = TimeSpan.Zero });
        var platform = await PlatformSubscriber.ConnectAsync(broker.Port, $"egw/{GatewayId}/#");
        return new RestartSite(directory, clock, water, broker, server, platform);
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        _server.Dispose();
        await _broker.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Config(string endpoint, int brokerPort, string directory) => $$"""
        {
          "gatewayId": "{{GatewayId}}",
          "site": { "name": "restart across a minute boundary", "utcOffset": "+08:00" },
          "buses": [
            {
              "name": "cabinet-tcp",
              "port": "{{endpoint}}",
              "timeout": "300ms",
              "devices": [ { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 5, "pollInterval": "5s" } ]
            }
          ],
          "outlets": [ { "name": "DW001", "kind": "wastewater", "devices": [ "water" ], "flowChannel": "water.flow" } ],
          "limits": [ { "channel": "water.cod", "quantity": "realTime", "limit": 100, "unit": "mg/L", "preWarning": 0, "sampler": "water" } ],
          "uplink": {
            "broker": "mqtt://127.0.0.1:{{brokerPort}}",
            "clientId": "egw-restart-{{Guid.NewGuid().ToString("N")[..8]}}",
            "keepAlive": "5s",
            "batchDelay": "100ms"
          },
          "storage": { "directory": "{{Path.Combine(directory, "state")}}", "maxSize": "64MiB" },
          "control": { "socket": "{{Path.Combine(directory, "control.sock")}}" }
        }
        """;
}
