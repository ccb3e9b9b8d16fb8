using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Tests.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Lines;

/// <summary>The master contract over RTU on a pty pair with System.IO.Ports at the master's end (the fallback driver).</summary>
public sealed class PtySystemIoPortsMasterTests : RtuMasterContractTests
{
    private SocatPtyPair? _line;

    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine()
    {
        _line = SocatPtyPair.Start();
        var master = new SerialPortTransport(new SerialSettings(_line.PathA));
        var slave = new PosixSerialTransport(new SerialSettings(_line.PathB));
        slave.Open();
        return (master, slave);
    }

    protected override void DisposeLine() => _line?.Dispose();
}
