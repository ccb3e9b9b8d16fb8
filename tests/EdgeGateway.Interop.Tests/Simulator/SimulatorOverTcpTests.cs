using System.Diagnostics;
using System.Net.Sockets;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>The simulator as a Modbus TCP analyzer, plus what only a TCP listener has: several clients, several units, stopping.</summary>
public sealed class SimulatorOverTcpTests : SimulatorServingContract
{
    protected override bool FramingHasCrc => false;

    [Fact]
    public async Task ServesSeveralClientsAtOnce()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var analyzer = new SimulatedAnalyzer(profile);
        using var server = SimulatorServer.Start("tcp://127.0.0.1:0", analyzer, Unit);
        var so2 = ChannelReads.Channel(profile, "so2");
        analyzer.Override("so2", 321.5);

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var master = ModbusConnectionFactory.CreateMaster(server.Endpoint, new ModbusMasterOptions { Retries = 0 });
            for (var i = 0; i < 25; i++)
            {
                Assert.Equal(321.5, ChannelReads.Read(master, Unit, so2));
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(readers);

        var statistics = server.Statistics;
        Assert.Equal(100, statistics.Requests);
        Assert.Equal(4, statistics.ConnectionsAccepted);
        Assert.Null(server.LastError);
    }

    [Fact]
    public void ServesEachAnalyzerAtItsUnitAndRefusesOthersAsAGateway()
    {
        var flueGas = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var wastewater = ShippedProfiles.Load(ShippedProfiles.Wastewater);
        var analyzers = new Dictionary<byte, SimulatedAnalyzer>
        {
            [1] = new(flueGas),
            [2] = new(wastewater),
        };
        analyzers[1].Override("so2", 100);
        analyzers[2].Override("cod", 42.5);
        using var server = SimulatorServer.Start(ModbusEndpoint.Parse("tcp://127.0.0.1:0"), analyzers);
        using var master = ModbusConnectionFactory.CreateMaster(server.Endpoint, new ModbusMasterOptions { Retries = 0 });

        Assert.Equal(100, ChannelReads.Read(master, 1, ChannelReads.Channel(flueGas, "so2")));
        Assert.Equal(42.5, ChannelReads.Read(master, 2, ChannelReads.Channel(wastewater, "cod")));
        var registers = new ushort[1];
        var unknown = master.ReadRegisters(9, ModbusTable.HoldingRegister, 0, 1, registers);
        Assert.Equal(ModbusErrorKind.Exception, unknown.Error);
        Assert.Equal(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, unknown.ExceptionCode);
    }

    [Fact]
    public void DisposeStopsPromptlyAndClosesTheListener()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas));
        var server = SimulatorServer.Start("tcp://127.0.0.1:0", analyzer, Unit);
        var endpoint = server.Endpoint;
        using var master = ModbusConnectionFactory.CreateMaster(endpoint, new ModbusMasterOptions { Retries = 0 });
        var registers = new ushort[2];
        Assert.True(master.ReadRegisters(Unit, ModbusTable.InputRegister, 0, 2, registers).IsSuccess);
        Assert.Equal(1, server.Statistics.ActiveConnections);

        var stopping = Stopwatch.StartNew();
        server.Dispose();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(1), $"Dispose took {stopping.Elapsed.TotalMilliseconds:0} ms");

        // The open connection was closed and nobody listens any more.
        Assert.Equal(ModbusErrorKind.Transport, master.ReadRegisters(Unit, ModbusTable.InputRegister, 0, 2, registers).Error);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = Assert.Throws<SocketException>(() => probe.Connect("127.0.0.1", endpoint.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void ListeningOnAPortInUseIsATransportFailure()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas));
        using var first = SimulatorServer.Start("tcp://127.0.0.1:0", analyzer, Unit);
        var failure = Assert.Throws<EdgeGateway.Modbus.Transport.ModbusTransportException>(
            () => SimulatorServer.Start($"tcp://127.0.0.1:{first.Endpoint.Port}", analyzer, Unit));
        Assert.Contains("address already in use", failure.Message, StringComparison.Ordinal);
    }

    protected override SimulatorServer StartServer(SimulatedAnalyzer analyzer, SimulatorServerOptions options) =>
        SimulatorServer.Start("tcp://127.0.0.1:0", analyzer, Unit, options);

    protected override ModbusEndpoint MasterEndpoint(SimulatorServer server) => server.Endpoint;
}
