using System.Text.Json;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// <c>egw modbus</c> while the service runs: a port the service polls is reached through its bus queue (the pty it
/// holds, which egw could not share), writes land in its audit trail, and a port it does not serve is opened directly.
/// </summary>
public sealed class EgwModbusThroughServiceTests
{
    private const string ThroughTheService = "egw: through the running gateway's bus queue (bus rs485-1); --direct opens the port itself";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Reads_and_writes_on_the_services_pty_go_through_its_bus_queue_and_writes_are_audited()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 30, Timeout, () => "30 readings\n" + gateway.Output);

        var read = Egw.Run("modbus", "read", "--port", site.DustPort, "--slave", "2", "--address", "0", "--count", $"{ServiceTestSite.DustRegisters.Length}", "--json", "--socket", site.ControlSocket);

        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal(ThroughTheService + "\n", read.Error);
        using (var report = JsonDocument.Parse(read.Output))
        {
            Assert.Equal("service", report.RootElement.GetProperty("via").GetString());
            Assert.Equal(ServiceTestSite.DustRegisters.Select(value => (double)value), report.RootElement.GetProperty("values").EnumerateArray().Select(value => value.GetProperty("value").GetDouble()));
        }

        // What the service itself publishes for the register: the particulate channel's raw value.
        var watch = Egw.Run("watch", "--channel", "dust.particulate", "--json", "--socket", site.ControlSocket);
        Assert.True(watch.ExitCode == 0, watch.ToString());
        using (var latest = JsonDocument.Parse(watch.Output))
        {
            Assert.Equal(ServiceTestSite.DustRegisters[0], latest.RootElement[0].GetProperty("raw").GetDouble());
        }

        var write = Egw.Run("modbus", "write", "--port", site.DustPort, "--slave", "2", "--address", "40", "--value", "1234", "--socket", site.ControlSocket);
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal(ThroughTheService + "\n", write.Error);
        var readBack = Egw.Run("modbus", "read", "--port", site.DustPort, "--slave", "2", "--address", "40", "--socket", site.ControlSocket);
        Assert.True(readBack.ExitCode == 0, readBack.ToString());
        Assert.Equal(["40 1234"], readBack.Lines);

        var audit = Egw.Run("audit", "--json", "--socket", site.ControlSocket);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        using (var entries = JsonDocument.Parse(audit.Output))
        {
            var entry = Assert.Single(entries.RootElement.EnumerateArray());
            Assert.Equal("modbus-write", entry.GetProperty("action").GetString());
            Assert.Equal("bus rs485-1 slave 2 holding 40", entry.GetProperty("target").GetString());
            Assert.Equal("1234", entry.GetProperty("after").GetString());
            Assert.Equal(OwnUid(), entry.GetProperty("userId").GetUInt32());
        }

        // The service kept polling the dust meter throughout.
        var before = PlatformStream.Readings(site.Platform.Messages).Count;
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count > before, Timeout, () => "readings after the tunnelled requests\n" + gateway.Output);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_port_the_service_does_not_serve_is_opened_directly()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 10, Timeout, () => "10 readings\n" + gateway.Output);
        var nobody = $"tcp://127.0.0.1:{FreeTcpPort.Next()}";

        var unknown = Egw.Run("modbus", "read", "--port", nobody, "--address", "0", "--json", "--socket", site.ControlSocket);

        // Exit 3: the port could not be opened. The service was asked first and said it does not serve the port.
        Assert.True(unknown.ExitCode == 3, unknown.ToString());
        Assert.DoesNotContain("through the running gateway", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("connection refused", unknown.Error, StringComparison.Ordinal);

        // --direct skips the service even for a port it serves: our simulator takes a second TCP client.
        var direct = Egw.Run("modbus", "read", "--port", site.CemsPort, "--slave", "1", "--address", "0", "--json", "--direct", "--socket", site.ControlSocket);
        Assert.True(direct.ExitCode == 0, direct.ToString());
        Assert.Equal(string.Empty, direct.Error);
        using (var report = JsonDocument.Parse(direct.Output))
        {
            Assert.Equal("direct", report.RootElement.GetProperty("via").GetString());
        }

        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static uint OwnUid() => uint.Parse(File.ReadAllLines("/proc/self/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
