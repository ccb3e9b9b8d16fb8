using System.Text;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Interop.Tests.Alarms;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Interop.Tests.Service;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Hj212Platform;
using EdgeGateway.Simulator.Serving;
using EdgeGateway.Simulator.Signals;

namespace EdgeGateway.Interop.Tests.Platforms;

/// <summary>
/// A cabinet reporting to three HJ 212 platform simulators on 127.0.0.1: <see cref="City"/> (2017, replies wanted),
/// <see cref="Province"/> (2025, replies wanted, SM4 with the key in a key file) and <see cref="Park"/> (2025,
/// replies wanted, no key), besides mosquitto; one simulated wastewater analyzer on Modbus TCP, polled every 10 s,
/// on a <see cref="VirtualFieldClock"/>.
/// </summary>
internal sealed class ThreePlatformSite : IAsyncDisposable
{
    public const string GatewayId = "three-platforms";
    public const string CityMn = "88888880000007";
    public const string ProvinceMn = "010000A8900016F000169DC0";
    public const string ParkMn = "010000A8900016F000169DC1";
    public const string Pw = "123456";

    /// <summary>The province's SM4 key: 16 ASCII characters, as a platform hands them out.</summary>
    public const string ProvinceKey = "K3y-0f-Pr0v1nce!";

    private readonly string _directory;
    private readonly MosquittoBroker _broker;
    private readonly SimulatorServer _server;

    private ThreePlatformSite(string directory, VirtualFieldClock clock, SimulatedAnalyzer water, MosquittoBroker broker, SimulatorServer server, PlatformSubscriber subscriber)
    {
        _directory = directory;
        Clock = clock;
        Water = water;
        _broker = broker;
        _server = server;
        Subscriber = subscriber;
        City = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { Edition = Hj212Edition.Edition2017, ExpectedMn = CityMn, ExpectedPw = Pw });
        Province = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions
        {
            Edition = Hj212Edition.Edition2025,
            ExpectedMn = ProvinceMn,
            ExpectedPw = Pw,
            EncryptionKey = Encoding.ASCII.GetBytes(ProvinceKey),
        });
        Park = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { Edition = Hj212Edition.Edition2025, ExpectedMn = ParkMn, ExpectedPw = Pw });
        var keyFile = Path.Combine(directory, "province-sm4");
        File.WriteAllText(keyFile, ProvinceKey);
        ConfigFile = Path.Combine(directory, "gateway.json");
        File.WriteAllText(ConfigFile, Config(server.Endpoint.ToString(), broker.Port, directory, keyFile));
    }

    public VirtualFieldClock Clock { get; }

    public SimulatedAnalyzer Water { get; }

    public PlatformSubscriber Subscriber { get; }

    public Hj212PlatformSimulator City { get; }

    public Hj212PlatformSimulator Province { get; }

    public Hj212PlatformSimulator Park { get; }

    public string ConfigFile { get; }

    public static async Task<ThreePlatformSite> StartAsync(DateTimeOffset start)
    {
        PeerRequirements.RequireMosquitto();
        var directory = Directory.CreateTempSubdirectory("egw-three-platforms-").FullName;
        var clock = new VirtualFieldClock(start);
        var water = new SimulatedAnalyzer(DeviceProfileLoader.LoadFile(Path.Combine(GatewayBinary.ProfileDirectory, "wastewater-cod-nh3n.json")), new SimulatedAnalyzerOptions { Clock = clock });
        water.SetSignal("cod", new ConstantSignal(42));
        var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions());
        var server = SimulatorServer.Start(ModbusEndpoint.Parse("tcp://127.0.0.1:0"), new Dictionary<byte, SimulatedAnalyzer> { [5] = water }, new SimulatorServerOptions { UpdateInterval = TimeSpan.Zero });
        var subscriber = await PlatformSubscriber.ConnectAsync(broker.Port, $"egw/{GatewayId}/#");
        return new ThreePlatformSite(directory, clock, water, broker, server, subscriber);
    }

    public async ValueTask DisposeAsync()
    {
        await City.DisposeAsync();
        await Province.DisposeAsync();
        await Park.DisposeAsync();
        await Subscriber.DisposeAsync();
        _server.Dispose();
        await _broker.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string Config(string endpoint, int brokerPort, string directory, string keyFile) => $$"""
        {
          "gatewayId": "{{GatewayId}}",
          "site": { "name": "three HJ 212 platforms", "utcOffset": "+08:00" },
          "buses": [
            {
              "name": "cabinet-tcp",
              "port": "{{endpoint}}",
              "timeout": "300ms",
              "devices": [ { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 5, "pollInterval": "10s" } ]
            }
          ],
          "outlets": [ { "name": "DW001", "kind": "wastewater", "devices": [ "water" ], "flowChannel": "water.flow" } ],
          "uplink": {
            "broker": "mqtt://127.0.0.1:{{brokerPort}}",
            "clientId": "egw-three-{{Guid.NewGuid().ToString("N")[..8]}}",
            "keepAlive": "5s",
            "batchDelay": "100ms"
          },
          "platforms": [
            { "name": "city", "address": "tcp://{{City.Endpoint}}", "mn": "{{CityMn}}", "pw": "{{Pw}}", "edition": "2017", "repliesWanted": true },
            { "name": "province", "address": "tcp://{{Province.Endpoint}}", "mn": "{{ProvinceMn}}", "pw": "{{Pw}}", "edition": "2025", "repliesWanted": true,
              "encryption": { "keyFile": "{{keyFile}}" } },
            { "name": "park", "address": "tcp://{{Park.Endpoint}}", "mn": "{{ParkMn}}", "pw": "{{Pw}}", "edition": "2025", "repliesWanted": true }
          ],
          "storage": { "directory": "{{Path.Combine(directory, "state")}}", "maxSize": "64MiB" },
          "control": { "socket": "{{Path.Combine(directory, "control.sock")}}" }
        }
        """;
}
