using EdgeGateway.Modbus.Tests.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Lines;

/// <summary>The master contract for RTU frames carried over TCP (a serial-device server) on a loopback connection.</summary>
public sealed class RtuOverTcpLoopbackMasterTests : RtuMasterContractTests
{
    protected override TimeSpan FrameSilence => TimeSpan.FromMilliseconds(5);

    protected override bool StreamFraming => true;

    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine() => TcpLoopbackLine.Create();
}
