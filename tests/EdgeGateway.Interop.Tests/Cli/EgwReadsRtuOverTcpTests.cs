using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Interop.Tests.Simulator;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary><c>egw modbus read --port rtu+tcp://…</c>: RTU frames through a serial-device server, here our simulator.</summary>
public sealed class EgwReadsRtuOverTcpTests
{
    [Fact]
    public void Reads_a_float_through_an_rtu_over_tcp_server()
    {
        var profile = DeviceProfileLoader.LoadFile(ShippedProfiles.PathOf(ShippedProfiles.FlueGas));
        var so2 = profile.Channels.First(channel => channel.Code == "a21026");
        var analyzer = new SimulatedAnalyzer(profile);
        analyzer.Override(so2.Id, 123.5);
        using var server = SimulatorServer.Start("rtu+tcp://127.0.0.1:0", analyzer, slaveId: 7);

        var run = Egw.Run(
            "modbus", "read", "--port", server.Endpoint.ToString(), "--slave", "7",
            "--table", so2.Table == EdgeGateway.Modbus.Protocol.ModbusTable.InputRegister ? "input" : "holding",
            "--address", so2.Address.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--type", "f32", "--order", so2.ByteOrder.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([$"{so2.Address} 123.5"], run.Lines);
    }
}
