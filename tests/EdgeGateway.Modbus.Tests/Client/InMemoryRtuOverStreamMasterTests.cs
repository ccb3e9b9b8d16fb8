using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>
/// The master contract for RTU frames in a byte stream (RTU over TCP: <see cref="Modbus.Client.ModbusMasterOptions.StreamFraming"/>)
/// on an in-memory line: a late answer is still never taken for the next request, though an answered request no
/// longer waits out a frame silence.
/// </summary>
public sealed class InMemoryRtuOverStreamMasterTests : RtuMasterContractTests
{
    protected override TimeSpan FrameSilence => TimeSpan.FromMilliseconds(5);

    protected override bool StreamFraming => true;

    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine()
    {
        var (master, slave) = InMemoryTransportPair.Create("rtu+tcp");
        return (master, slave);
    }
}
