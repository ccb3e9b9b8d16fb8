using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>The simulator as an RS-485 analyzer behind a serial-device server: RTU frames over TCP.</summary>
public sealed class SimulatorOverRtuOverTcpTests : SimulatorServingContract
{
    protected override bool FramingHasCrc => true;

    protected override SimulatorServer StartServer(SimulatedAnalyzer analyzer, SimulatorServerOptions options) =>
        SimulatorServer.Start("rtu+tcp://127.0.0.1:0", analyzer, Unit, options);

    protected override ModbusEndpoint MasterEndpoint(SimulatorServer server) => server.Endpoint;
}
