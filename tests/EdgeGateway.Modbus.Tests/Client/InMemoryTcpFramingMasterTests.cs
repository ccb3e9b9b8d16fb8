using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>The master contract over MBAP framing on an in-memory line: transaction ids do the matching.</summary>
public sealed class InMemoryTcpFramingMasterTests : ModbusMasterContractTests
{
    protected override TimeSpan FrameSilence => TimeSpan.Zero;

    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine()
    {
        var (master, slave) = InMemoryTransportPair.Create("tcp");
        return (master, slave);
    }

    protected override IModbusFramer CreateFramer() => new ModbusTcpFramer();
}
