using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// A cabinet for end-to-end tests of the service: mosquitto (persistent, as a production broker), a pymodbus slave
/// serving a particulate/flow meter over a socat pty pair (RTU), our simulator serving a flue-gas CEMS on Modbus TCP,
/// a gateway.json pointing at them, and a persistent platform subscriber on the gateway's topics.
/// </summary>
internal sealed class ServiceTestSite : IAsyncDisposable
{
    /// <summary>What pymodbus serves for the dust meter (holding registers from 0), and what the platform must see.</summary>
    public static readonly ushort[] DustRegisters = [123, 1550, 1500, 50, 200, 85, 0, 45000, 250, 0, 0, 0, 0, 0, 1000, 0, 5000, 0, 0];

    private readonly SocatPtyPair _pty;
    private readonly PymodbusSlave _dust;
    private readonly SimulatorServer _cems;

    /// <summary>
    /// How the simulated CEMS behaves in every site: its zero and span checks last long enough to measure a point
    /// (settle + average) inside them, and its span gas is 400 mg/m³ of SO2 (the calibration test's reference).
    /// </summary>
    public static readonly SimulatedAnalyzerOptions CemsOptions = new() { CalibrationDuration = TimeSpan.FromSeconds(25), SpanFraction = 400.0 / 2860 };

    private ServiceTestSite(string directory, MosquittoBroker broker, SocatPtyPair pty, PymodbusSlave dust, SimulatorServer cems, PlatformSubscriber platform)
    {
        Directory = directory;
        Broker = broker;
        _pty = pty;
        _dust = dust;
        _cems = cems;
        Platform = platform;
    }

    public string Directory { get; }

    public string ConfigFile => Path.Combine(Directory, "gateway.json");

    public string StateDirectory => Path.Combine(Directory, "state");

    public string ControlSocket => Path.Combine(Directory, "control.sock");

    /// <summary>The port of bus rs485-1 as gateway.json names it: the pty end the gateway polls the dust meter (slave 2) on.</summary>
    public string DustPort => _pty.PathA;

    /// <summary>The port of bus cems-tcp as gateway.json names it: our simulator's CEMS (slave 1) on Modbus TCP.</summary>
    public string CemsPort => _cems.Endpoint.ToString();

    public MosquittoBroker Broker { get; }

    /// <summary>The simulated CEMS (slave 1 on Modbus TCP), to give it a sensor error or watch its routines.</summary>
    public SimulatedAnalyzer Cems => _cems.Analyzers[1];

    public PlatformSubscriber Platform { get; }

    public const string GatewayId = "e2e";

    public static async Task<ServiceTestSite> StartAsync(string payload = "json")
    {
        PeerRequirements.RequireMosquitto();
        PeerRequirements.RequireSocat();
        PeerRequirements.RequirePymodbus();
        var directory = System.IO.Directory.CreateTempSubdirectory("egw-service-").FullName;
        var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
        var pty = SocatPtyPair.Start();
        var dust = PymodbusSlave.StartRtu(pty.PathB, new PymodbusSlaveOptions { UnitIds = [2], HoldingRegisters = DustRegisters });
        var cemsProfile = DeviceProfileLoader.LoadFile(Path.Combine(GatewayBinary.ProfileDirectory, "cems-flue-gas.json"));
        var cems = SimulatorServer.Start(ModbusEndpoint.Parse("tcp://127.0.0.1:0"), new Dictionary<byte, SimulatedAnalyzer> { [1] = new(cemsProfile, CemsOptions) }, new SimulatorServerOptions());
        var platform = await PlatformSubscriber.ConnectAsync(broker.Port, $"egw/{GatewayId}/#");
        var site = new ServiceTestSite(directory, broker, pty, dust, cems, platform);
        File.WriteAllText(site.ConfigFile, site.Config(payload));
        return site;
    }

    /// <summary>Takes the CEMS away, as a crashed or powered-off analyzer: its listener and connections close.</summary>
    public void StopCems() => _cems.Dispose();

    public GatewayProcess StartGateway() => GatewayProcess.Start(["--config", ConfigFile]);

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        _cems.Dispose();
        _dust.Dispose();
        _pty.Dispose();
        await Broker.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private string Config(string payload) => $$"""
        // Written by ServiceTestSite: a pymodbus dust meter over a pty (RTU) and a simulated CEMS on Modbus TCP.
        {
          "gatewayId": "{{GatewayId}}",
          "site": { "name": "end-to-end test" },
          "profileDirectories": [ "{{GatewayBinary.ProfileDirectory}}" ],
          "buses": [
            {
              "name": "rs485-1",
              "port": "{{_pty.PathA}}",
              "baud": 9600,
              "timeout": "300ms",
              "devices": [ { "name": "dust", "profile": "particulate-flow", "slave": 2, "pollInterval": "1s", "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow" ] } } ]
            },
            {
              "name": "cems-tcp",
              "port": "{{_cems.Endpoint}}",
              "timeout": "300ms",
              "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "1s" } ]
            }
          ],
          "outlets": [
            { "name": "DA001", "kind": "flueGas", "devices": [ "cems", "dust" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "flowChannel": "cems.flow" }
          ],
          "uplink": {
            "broker": "mqtt://127.0.0.1:{{Broker.Port}}",
            "clientId": "egw-e2e-{{Guid.NewGuid().ToString("N")[..8]}}",
            "keepAlive": "5s",
            "payload": "{{payload}}",
            "hj212": { "mn": "88888880000001", "pw": "123456" },
            "batchDelay": "500ms"
          },
          "storage": { "directory": "{{StateDirectory}}", "maxSize": "64MiB" },
          "control": { "socket": "{{ControlSocket}}" },
          "logging": { "level": "information" }
        }
        """;
}
