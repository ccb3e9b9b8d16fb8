using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Tests.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Lines;

/// <summary>The master contract over RTU on a real pty pair, with our termios transport at both ends.</summary>
public sealed class PtyRtuMasterTests : RtuMasterContractTests
{
    private SocatPtyPair? _line;

    protected override (IModbusTransport Master, IModbusTransport Slave) CreateLine()
    {
        _line = SocatPtyPair.Start();
        var master = new PosixSerialTransport(new SerialSettings(_line.PathA, 19200, SerialParity.Even));
        var slave = new PosixSerialTransport(new SerialSettings(_line.PathB, 19200, SerialParity.Even));
        slave.Open();
        return (master, slave);
    }

    protected override void DisposeLine() => _line?.Dispose();
}
