using System.Runtime.CompilerServices;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Modbus.Transport.Posix;

namespace EdgeGateway.Modbus.Tests.Transport.Rs485;

/// <summary>
/// RS-485 direction control on the posix transport over a socat pty: the switched frames reach the other end intact,
/// and the kernel's RS-485 mode, which a pty does not have, is refused at open with a message that says what to do.
/// </summary>
public sealed class PosixRs485Tests
{
    private static readonly byte[] Request = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A];

    [Fact]
    public void Serial_rs485_matches_the_kernel_layout()
    {
        // gcc with linux-libc-dev 6.1: sizeof(struct serial_rs485) == 32.
        Assert.Equal(SerialRs485.NativeSize, Unsafe.SizeOf<SerialRs485>());
    }

    [Fact]
    public void Switched_frames_reach_the_other_end_after_the_drain_and_before_receive()
    {
        using var pty = SocatPtyPair.Start();
        var log = new Rs485EventLog();
        using var peer = new PosixSerialTransport(new SerialSettings(pty.PathB));
        peer.Open();
        using var transport = new Rs485DirectionSwitchingTransport(
            new RecordingTransport(new PosixSerialTransport(new SerialSettings(pty.PathA)), log),
            new RecordingDirectionSwitch(log),
            TimeSpan.FromMilliseconds(1),
            TimeSpan.FromMilliseconds(2),
            log.Sleep);
        transport.Open();

        transport.Write(Request);
        transport.Write(Request);

        Assert.Equal(
            ["receive", "transmit", "sleep 1ms", "write 8 bytes", "sleep 2ms", "receive", "transmit", "sleep 1ms", "write 8 bytes", "sleep 2ms", "receive"],
            log.Events);
        Assert.Equal([.. Request, .. Request], ReadExactly(peer, 2 * Request.Length));
    }

    [Fact]
    public void The_kernel_rs485_mode_on_a_pty_is_refused_at_open_with_what_to_use_instead()
    {
        using var pty = SocatPtyPair.Start();
        using var transport = new PosixSerialTransport(new SerialSettings(pty.PathA), new KernelRs485Settings(RtsOnSend: true, DelayBeforeSendMilliseconds: 1, DelayAfterSendMilliseconds: 1));

        var refused = Assert.Throws<ModbusTransportException>(transport.Open);

        Assert.StartsWith($"{pty.PathA}: the serial driver has no kernel RS-485 mode (TIOCSRS485: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("rs485.direction \"auto\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"gpio\"", refused.Message, StringComparison.Ordinal);
        Assert.False(transport.IsOpen);

        // The refused open left no lock behind: the same port opens without the kernel mode.
        using var plain = new PosixSerialTransport(new SerialSettings(pty.PathA));
        plain.Open();
        Assert.True(plain.IsOpen);
    }

    [Fact]
    public void Kernel_rs485_delays_beyond_what_the_kernel_accepts_are_refused_up_front()
    {
        var refused = Assert.Throws<ModbusTransportException>(() => new PosixSerialTransport(new SerialSettings("/dev/ttyAMA0"), new KernelRs485Settings(DelayAfterSendMilliseconds: 101)));

        Assert.Equal("/dev/ttyAMA0: RS-485 delays must be 0 to 100 ms", refused.Message);
    }

    [Fact]
    public void The_kernel_rs485_mode_needs_the_posix_driver_and_a_serial_port()
    {
        var serial = ModbusEndpoint.Parse("/dev/ttyAMA0");
        var tcp = ModbusEndpoint.Parse("tcp://127.0.0.1:502");

        Assert.Contains("needs the posix serial driver", Assert.Throws<ModbusTransportException>(() => ModbusConnectionFactory.CreateTransport(serial, driver: SerialDriver.SystemIOPorts, kernelRs485: new KernelRs485Settings())).Message, StringComparison.Ordinal);
        Assert.Contains("serial ports only", Assert.Throws<ModbusTransportException>(() => ModbusConnectionFactory.CreateTransport(tcp, kernelRs485: new KernelRs485Settings())).Message, StringComparison.Ordinal);
        using var transport = ModbusConnectionFactory.CreateTransport(serial, kernelRs485: new KernelRs485Settings(RtsOnSend: false));
        Assert.Equal(new KernelRs485Settings(RtsOnSend: false), Assert.IsType<PosixSerialTransport>(transport).KernelRs485);
    }

    private static byte[] ReadExactly(IModbusTransport transport, int count)
    {
        var received = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = transport.Read(received.AsSpan(filled), TimeSpan.FromSeconds(5));
            Assert.True(read > 0, $"only {filled} of {count} bytes arrived");
            filled += read;
        }

        return received;
    }
}
