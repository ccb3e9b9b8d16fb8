using System.Text.Json;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Modbus;

public sealed class EgwReadsPymodbusOverTcpTests(PymodbusTcpPeer peer) : EgwReadsPymodbusTests, IClassFixture<PymodbusTcpPeer>
{
    protected override string Port => peer.Endpoint();

    // A Modbus TCP gateway answers exception 0B ("gateway target device failed to respond") for the unit ids nobody
    // has on its RS-485 side. pymodbus does the same once it accepts every unit id, which it does when its units
    // include 255 (a gateway's own id): it then answers 0B for any id it does not hold, here 2, 4 and 5.
    [Fact]
    public void Scan_does_not_count_the_slave_ids_a_gateway_answered_0B_for_as_devices()
    {
        PeerRequirements.RequirePymodbus();
        using var gateway = PymodbusSlave.StartTcp(FreeTcpPort.Next(), PymodbusLayout.Options(1, 3, 255));
        var port = $"tcp://127.0.0.1:{gateway.TcpPort}";

        var run = Egw.Run("modbus", "scan", "--port", port, "--slaves", "1-5");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["slave 1: answers with data", "slave 3: answers with data"], run.Lines);
        Assert.Contains("3 slave id(s) got exception 0A/0B from a gateway (no device answered behind it), not listed: 2,4-5", run.Error, StringComparison.Ordinal);

        var json = Egw.Run("modbus", "scan", "--port", port, "--slaves", "1-5", "--json");
        using var report = JsonDocument.Parse(json.Output);
        Assert.Equal([1, 3], report.RootElement.GetProperty("answering").EnumerateArray().Select(entry => entry.GetProperty("slave").GetInt32()));
        Assert.Equal([2, 4, 5], report.RootElement.GetProperty("absentBehindGateway").EnumerateArray().Select(id => id.GetInt32()));
    }

    [Fact]
    public void Scan_shows_its_progress_on_a_terminal_and_none_into_a_pipe_or_with_json()
    {
        var onTerminal = Egw.RunOnTerminal("modbus", "scan", "--port", Port, "--slaves", "1-4");
        Assert.True(onTerminal.ExitCode == 0, onTerminal.ToString());
        Assert.Contains("\regw: probing slave 4 (4 of 4), 2 found so far", onTerminal.Error, StringComparison.Ordinal);
        Assert.Equal(["slave 1: answers with data", "slave 3: answers with data"], onTerminal.Lines);

        Assert.DoesNotContain("probing", Egw.Run("modbus", "scan", "--port", Port, "--slaves", "1-4").Error, StringComparison.Ordinal);
        Assert.DoesNotContain("probing", Egw.RunOnTerminal("modbus", "scan", "--port", Port, "--slaves", "1-4", "--json").Error, StringComparison.Ordinal);
    }
}
