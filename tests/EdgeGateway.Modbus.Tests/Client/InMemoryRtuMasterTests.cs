using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>The master contract over RTU framing on an in-memory line (fast, no peers needed).</summary>
public sealed class InMemoryRtuMasterTests : RtuMasterContractTests
{
    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine()
    {
        var (master, slave) = InMemoryTransportPair.Create("rtu");
        return (master, slave);
    }
}
