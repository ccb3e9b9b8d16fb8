using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>The simulator as an RS-485 analyzer: RTU on one end of a socat pty pair, our master on the other.</summary>
public sealed class SimulatorOverPtyTests : SimulatorServingContract
{
    private SocatPtyPair? _line;

    protected override bool FramingHasCrc => true;

    protected override SimulatorServer StartServer(SimulatedAnalyzer analyzer, SimulatorServerOptions options)
    {
        // A fresh line per server: a pty keeps whatever a previous master left unread.
        _line = Track(SocatPtyPair.Start());
        return SimulatorServer.Start(_line.PathA, analyzer, Unit, options);
    }

    protected override ModbusEndpoint MasterEndpoint(SimulatorServer server) =>
        ModbusEndpoint.Parse(_line?.PathB ?? throw new InvalidOperationException("no line started"));
}
