using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Tests.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Lines;

/// <summary>The master contract over Modbus TCP on a loopback connection.</summary>
public sealed class TcpLoopbackMasterTests : ModbusMasterContractTests
{
    protected override TimeSpan FrameSilence => TimeSpan.Zero;

    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine() => TcpLoopbackLine.Create();

    protected override IModbusFramer CreateFramer() => new ModbusTcpFramer();
}
