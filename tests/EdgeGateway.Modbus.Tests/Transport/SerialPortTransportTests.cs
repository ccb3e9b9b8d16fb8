using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport;

/// <summary>The same contract over System.IO.Ports (whose read timeouts are at least 30 ms on Linux).</summary>
public sealed class SerialPortTransportTests : SerialTransportContractTests
{
    protected override IModbusTransport Create(SerialSettings settings) => new SerialPortTransport(settings);
}
