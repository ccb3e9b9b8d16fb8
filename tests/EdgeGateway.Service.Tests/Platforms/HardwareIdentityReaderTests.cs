using System.Net.NetworkInformation;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Platforms;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Service.Tests.Platforms;

/// <summary>The hardware identity the HJ 212-2025 1001 reports: CPU ID from cpuinfo or machine-id, the first two MACs.</summary>
public sealed class HardwareIdentityReaderTests : IDisposable
{
    private const string RaspberryPiCpuInfo = """
        processor	: 0
        model name	: ARMv7 Processor rev 4 (v7l)
        Features	: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae evtstrm crc32

        Hardware	: BCM2835
        Revision	: a02082
        Serial		: 00000000a1b2c3d4
        Model		: Raspberry Pi 3 Model B Rev 1.2
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("egw-hardware-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_Raspberry_Pi_reports_its_cpuinfo_serial_and_the_first_two_MACs_that_are_not_loopback()
    {
        var reader = Reader(cpuInfo: RaspberryPiCpuInfo, machineId: "4c4c4544004e3410805ab4c04f4e3232",
            new FakeNetworkInterface(NetworkInterfaceType.Loopback, "000000000000"),
            new FakeNetworkInterface(NetworkInterfaceType.Ethernet, "b827eb123456"),
            new FakeNetworkInterface(NetworkInterfaceType.Tunnel, ""),
            new FakeNetworkInterface(NetworkInterfaceType.Wireless80211, "b827eb654321"),
            new FakeNetworkInterface(NetworkInterfaceType.Ethernet, "0242ac110002"));

        var identity = reader.Read(out var problem);

        Assert.Null(problem);
        Assert.Equal(new PlatformHardwareIdentity("00000000A1B2C3D4", "B8:27:EB:12:34:56", "B8:27:EB:65:43:21"), identity);
    }

    [Fact]
    public void Without_a_cpuinfo_serial_the_machine_id_is_the_CPU_ID_and_one_MAC_is_enough()
    {
        var reader = Reader(cpuInfo: "processor\t: 0\nmodel name\t: Intel(R) Core(TM) i5\n", machineId: "4c4c4544004e3410805ab4c04f4e3232\n",
            new FakeNetworkInterface(NetworkInterfaceType.Ethernet, "001122334455"));

        var identity = reader.Read(out _);

        Assert.Equal(new PlatformHardwareIdentity("4c4c4544004e3410805ab4c04f4e3232", "00:11:22:33:44:55"), identity);
    }

    [Fact]
    public void Nothing_to_report_gives_no_identity_and_says_why()
    {
        var noCpu = Reader(cpuInfo: null, machineId: null, new FakeNetworkInterface(NetworkInterfaceType.Ethernet, "001122334455"));
        var noMac = Reader(cpuInfo: RaspberryPiCpuInfo, machineId: null, new FakeNetworkInterface(NetworkInterfaceType.Loopback, "000000000000"));

        Assert.Null(noCpu.Read(out var cpuProblem));
        Assert.Contains("Serial", cpuProblem, StringComparison.Ordinal);
        Assert.Null(noMac.Read(out var macProblem));
        Assert.Contains("MAC", macProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_identity_is_read_only_when_a_2025_platform_sends_it()
    {
        var reader = Reader(cpuInfo: RaspberryPiCpuInfo, machineId: null, new FakeNetworkInterface(NetworkInterfaceType.Ethernet, "001122334455"));
        var platform2017 = new PlatformOptions { Name = "a", Host = "h", Port = 1, Mn = "M", Pw = "P" };
        var platform2025 = platform2017 with { Edition = Hj212Edition.Edition2025 };

        Assert.Null(reader.ReadFor([platform2017, platform2025 with { SendHardwareIdentity = false }], NullLogger.Instance));
        Assert.Equal("00000000A1B2C3D4", reader.ReadFor([platform2017, platform2025], NullLogger.Instance)?.CpuId);
    }

    private HardwareIdentityReader Reader(string? cpuInfo, string? machineId, params NetworkInterface[] interfaces)
    {
        // Each reader its own files: a reader reads them when asked, not when made.
        var files = Directory.CreateDirectory(Path.Combine(_directory, Guid.NewGuid().ToString("N"))).FullName;
        var cpuInfoPath = Path.Combine(files, "cpuinfo");
        var machineIdPath = Path.Combine(files, "machine-id");
        if (cpuInfo is not null)
        {
            File.WriteAllText(cpuInfoPath, cpuInfo);
        }

        if (machineId is not null)
        {
            File.WriteAllText(machineIdPath, machineId);
        }

        return new HardwareIdentityReader(cpuInfoPath, machineIdPath, () => interfaces);
    }
}
