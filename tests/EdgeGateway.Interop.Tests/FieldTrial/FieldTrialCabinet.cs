using System.Diagnostics;
using System.Text;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Interop.Tests.Service;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Hj212Platform;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// The cabinet of the field trial: mosquitto with persistence, a persistent platform subscriber, our simulator serving
/// a dust meter (particulate-flow) as RTU on a socat pty and a flue-gas CEMS on Modbus TCP, each of which can go
/// silent and come back, two HJ 212 platform simulators the service dials besides MQTT (<see cref="Province"/>,
/// 2025 with SM4, which the trial takes away for minutes, and <see cref="City"/>, 2017, always there), and a data
/// directory that lives for the whole trial: a tmpfs when root (so the disk can be filled), a plain directory
/// otherwise.
/// </summary>
internal sealed class FieldTrialCabinet : IAsyncDisposable
{
    public const string GatewayId = "trial";
    public const string Outlet = "DA001";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The buses' <c>probeInterval</c>, written into the config: a silent analyzer is asked this often.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(10);

    /// <summary>The buses' <c>reopenMaxDelay</c>, written into the config: a lost port (the CEMS's refused TCP
    /// connection) is tried again at most this long apart.</summary>
    public static readonly TimeSpan ReopenMaxDelay = TimeSpan.FromSeconds(10);
    public const string ProvinceMn = "010000A8900016F000169DC0";
    public const string CityMn = "88888880000007";
    public const string PlatformPw = "123456";

    /// <summary>The province's SM4 key: 16 ASCII characters, as a platform hands them out (in a key file for the service).</summary>
    public const string ProvinceKey = "Tr1al-Pr0v1nce!!";

    /// <summary>Site time of the service (its default <c>site.utcOffset</c>): HJ 212 DataTime is written in it.</summary>
    public static readonly TimeSpan SiteOffset = TimeSpan.FromHours(8);

    private readonly FieldTrialBinary _binary;
    private readonly SocatPtyPair _pty;
    private readonly int _cemsPort;
    private SimulatorServer? _dust;
    private SimulatorServer? _cems;
    private string? _filler;

    private FieldTrialCabinet(FieldTrialBinary binary, string directory, MosquittoBroker broker, SocatPtyPair pty, int cemsPort, PlatformSubscriber platform, bool dataOnTmpfs)
    {
        _binary = binary;
        Directory = directory;
        Broker = broker;
        _pty = pty;
        _cemsPort = cemsPort;
        Platform = platform;
        DataOnTmpfs = dataOnTmpfs;
        // The simulators run on the real clock, the service on the faked one: nothing they check compares the two
        // (QN and DataTime are checked for form, order and reuse, never against the simulator's clock).
        Province = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions
        {
            Edition = Hj212Edition.Edition2025,
            ExpectedMn = ProvinceMn,
            ExpectedPw = PlatformPw,
            EncryptionKey = Encoding.ASCII.GetBytes(ProvinceKey),
        });
        City = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { Edition = Hj212Edition.Edition2017, ExpectedMn = CityMn, ExpectedPw = PlatformPw });
    }

    public string Directory { get; }

    public string ConfigFile => Path.Combine(Directory, "gateway.json");

    /// <summary>The mount point of the data (a tmpfs when root).</summary>
    public string DataDirectory => Path.Combine(Directory, "data");

    public string StateDirectory => Path.Combine(DataDirectory, "state");

    public string ControlSocket => Path.Combine(Directory, "control.sock");

    public string ProvinceKeyFile => Path.Combine(Directory, "province-sm4");

    public bool DataOnTmpfs { get; }

    public MosquittoBroker Broker { get; }

    public PlatformSubscriber Platform { get; }

    /// <summary>The HJ 212-2025 platform (replies wanted, SM4): the one the trial takes away.</summary>
    public Hj212PlatformSimulator Province { get; }

    /// <summary>The HJ 212-2017 platform (replies wanted): there all along.</summary>
    public Hj212PlatformSimulator City { get; }

    public static async Task<FieldTrialCabinet> StartAsync(FieldTrialBinary binary)
    {
        PeerRequirements.RequireMosquitto();
        PeerRequirements.RequireSocat();
        var directory = System.IO.Directory.CreateTempSubdirectory("egw-trial-").FullName;
        var data = Path.Combine(directory, "data");
        System.IO.Directory.CreateDirectory(data);
        // 48 MiB: room for the whole trial's store (capped at 16 MiB below) and small enough to fill in a moment.
        var tmpfs = Environment.IsPrivilegedProcess && Run("mount", "-t", "tmpfs", "-o", "size=48m,mode=0755", "egw-trial", data) == 0;
        var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
        var pty = SocatPtyPair.Start();
        var platform = await PlatformSubscriber.ConnectAsync(broker.Port, $"egw/{GatewayId}/#");
        var cabinet = new FieldTrialCabinet(binary, directory, broker, pty, FreeTcpPort.Next(), platform, tmpfs);
        cabinet.ServeDust();
        cabinet.ServeCems();
        await File.WriteAllTextAsync(cabinet.ProvinceKeyFile, ProvinceKey);
        await File.WriteAllTextAsync(cabinet.ConfigFile, cabinet.Config());
        return cabinet;
    }

    /// <summary>The dust meter answers again (RTU on the pty's far end).</summary>
    public void ServeDust()
    {
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(_binary.ProfileDirectory, "particulate-flow.json"));
        _dust = SimulatorServer.Start(ModbusEndpoint.Parse(_pty.PathB), new Dictionary<byte, SimulatedAnalyzer> { [2] = new(profile) }, new SimulatorServerOptions());
    }

    /// <summary>The dust meter goes silent: nobody answers on the line (the pty stays, as a cable with a dead analyzer).</summary>
    public void SilenceDust()
    {
        _dust?.Dispose();
        _dust = null;
    }

    /// <summary>The CEMS answers again on the same Modbus TCP port.</summary>
    public void ServeCems()
    {
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(_binary.ProfileDirectory, "cems-flue-gas.json"));
        _cems = SimulatorServer.Start(ModbusEndpoint.Parse($"tcp://127.0.0.1:{_cemsPort}"), new Dictionary<byte, SimulatedAnalyzer> { [1] = new(profile) }, new SimulatorServerOptions());
    }

    /// <summary>The CEMS is gone: its listener closed and its connections dropped.</summary>
    public void SilenceCems()
    {
        _cems?.Dispose();
        _cems = null;
    }

    /// <summary>Fills the data directory's file system to the last byte.</summary>
    public long FillDisk()
    {
        _filler = Path.Combine(DataDirectory, "filler");
        long written = 0;
        using var file = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        foreach (var size in new[] { 1 << 20, 1 << 12, 1 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    file.Write(block);
                    file.Flush();
                    written += size;
                }
            }
            catch (IOException)
            {
                // Full at this block size; go on with smaller blocks.
            }
        }

        return written;
    }

    public void FreeDisk()
    {
        if (_filler is not null)
        {
            File.Delete(_filler);
            _filler = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        await Province.DisposeAsync();
        await City.DisposeAsync();
        SilenceDust();
        SilenceCems();
        _pty.Dispose();
        await Broker.DisposeAsync();
        if (DataOnTmpfs)
        {
            Run("umount", "-l", DataDirectory);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static int Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private string Config() => $$"""
        // Written by FieldTrialCabinet: a simulated dust meter on a pty (RTU), a simulated CEMS on Modbus TCP, two HJ 212
        // platform simulators on 127.0.0.1.
        {
          "gatewayId": "{{GatewayId}}",
          "site": { "name": "field trial" },
          "profileDirectories": [ "{{_binary.ProfileDirectory}}" ],
          "buses": [
            {
              "name": "rs485-1",
              "port": "{{_pty.PathA}}",
              "baud": 9600,
              "timeout": "300ms",
              "probeInterval": "{{(int)ProbeInterval.TotalSeconds}}s",
              "reopenMaxDelay": "{{(int)ReopenMaxDelay.TotalSeconds}}s",
              // The CEMS of the outlet gives these codes: the dust meter's go into JSON only, one value per code in HJ 212.
              "devices": [ { "name": "dust", "profile": "particulate-flow", "slave": 2, "pollInterval": "1s",
                             "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow" ] } } ]
            },
            {
              "name": "cems-tcp",
              "port": "tcp://127.0.0.1:{{_cemsPort}}",
              "timeout": "300ms",
              "probeInterval": "{{(int)ProbeInterval.TotalSeconds}}s",
              "reopenMaxDelay": "{{(int)ReopenMaxDelay.TotalSeconds}}s",
              "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "1s" } ]
            }
          ],
          "outlets": [
            { "name": "{{Outlet}}", "kind": "flueGas", "devices": [ "cems", "dust" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "flowChannel": "cems.flow" }
          ],
          "uplink": {
            "broker": "mqtt://127.0.0.1:{{Broker.Port}}",
            "clientId": "egw-trial",
            "keepAlive": "5s",
            "payload": "json",
            "batchDelay": "500ms"
          },
          "platforms": [
            { "name": "province", "address": "tcp://{{Province.Endpoint}}", "mn": "{{ProvinceMn}}", "pw": "{{PlatformPw}}", "edition": "2025", "repliesWanted": true,
              "encryption": { "keyFile": "{{ProvinceKeyFile}}" } },
            { "name": "city", "address": "tcp://{{City.Endpoint}}", "mn": "{{CityMn}}", "pw": "{{PlatformPw}}", "edition": "2017", "repliesWanted": true }
          ],
          "storage": { "directory": "{{StateDirectory}}", "maxSize": "16MiB" },
          "control": { "socket": "{{ControlSocket}}" },
          "logging": { "level": "information" }
        }
        """;
}
