using System.Diagnostics;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport;

/// <summary>
/// What every serial transport must do, checked over a real socat pty pair. Timings are reported, not asserted
/// tightly: CI machines are shared and slow.
/// </summary>
public abstract class SerialTransportContractTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(2);

    protected abstract IModbusTransport Create(SerialSettings settings);

    [Fact]
    public void Bytes_written_on_one_end_are_read_on_the_other()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        using var b = Open(pty.PathB);
        byte[] request = [0x01, 0x03, 0x00, 0x10, 0x00, 0x02, 0xC5, 0xCE];

        a.Write(request);

        Assert.Equal(request, ReadExactly(b, request.Length));
    }

    [Fact]
    public void Both_directions_carry_all_byte_values()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        using var b = Open(pty.PathB);
        // 0x11/0x13 (XON/XOFF), 0x0D/0x0A (CR/LF), 0x03 (^C), 0x00 must pass untouched in raw mode.
        byte[] everyByte = Enumerable.Range(0, 256).Select(value => (byte)value).ToArray();

        a.Write(everyByte);
        Assert.Equal(everyByte, ReadExactly(b, everyByte.Length));
        b.Write(everyByte);
        Assert.Equal(everyByte, ReadExactly(a, everyByte.Length));
    }

    [Fact]
    public void A_silent_read_returns_zero_after_its_timeout()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        var buffer = new byte[16];

        var elapsed = Stopwatch.StartNew();
        int count = a.Read(buffer, TimeSpan.FromMilliseconds(2));
        elapsed.Stop();

        Assert.Equal(0, count);
        Assert.True(elapsed.Elapsed < Generous, $"a 2 ms read took {elapsed.Elapsed.TotalMilliseconds:F1} ms");
        TestContext.Current.TestOutputHelper?.WriteLine($"{GetType().Name}: 2 ms read timeout took {elapsed.Elapsed.TotalMilliseconds:F3} ms");
    }

    [Fact]
    public void A_zero_timeout_returns_at_once()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);

        Assert.Equal(0, a.Read(new byte[16], TimeSpan.Zero));
    }

    [Fact]
    public void Killing_socat_makes_the_next_read_throw_and_closes_the_port()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);

        pty.Kill();

        var exception = Assert.Throws<ModbusTransportException>(() => ReadUntilFailure(a));
        Assert.Contains(pty.PathA, exception.Message, StringComparison.Ordinal);
        Assert.False(a.IsOpen);
    }

    [Fact]
    public void Killing_socat_during_a_blocked_read_ends_that_read_with_an_exception()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                ReadUntilFailure(a);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        reader.Start();
        Thread.Sleep(100);

        pty.Kill();

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "the blocked read never returned");
        Assert.IsType<ModbusTransportException>(failure);
        Assert.False(a.IsOpen);
    }

    [Fact]
    public void Writing_after_socat_died_throws_and_closes_the_port()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);

        pty.Kill();

        // A write may be accepted into the kernel buffer once more before the hang-up shows; the next read surely fails.
        Assert.Throws<ModbusTransportException>(() =>
        {
            a.Write([1, 2, 3]);
            ReadUntilFailure(a);
        });
        Assert.False(a.IsOpen);
    }

    [Fact]
    public void Opening_a_missing_path_says_no_such_serial_port()
    {
        string missing = $"/dev/ttyEGW-missing-{Guid.NewGuid():N}";
        using var transport = Create(new SerialSettings(missing));

        var exception = Assert.Throws<ModbusTransportException>(transport.Open);

        Assert.Equal($"{missing}: no such serial port", exception.Message);
        Assert.False(transport.IsOpen);
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_tty_fails_clearly()
    {
        string file = Path.GetTempFileName();
        try
        {
            using var transport = Create(new SerialSettings(file));

            var exception = Assert.Throws<ModbusTransportException>(transport.Open);

            Assert.StartsWith($"{file}: ", exception.Message, StringComparison.Ordinal);
            Assert.False(transport.IsOpen);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(9600, SerialParity.Even, 8, 1)]
    [InlineData(19200, SerialParity.None, 8, 2)]
    [InlineData(1200, SerialParity.Odd, 7, 1)]
    [InlineData(115200, SerialParity.None, 8, 1)]
    [InlineData(230400, SerialParity.Even, 8, 2)]
    public void Line_settings_apply_without_error(int baudRate, SerialParity parity, int dataBits, int stopBits)
    {
        using var pty = SocatPtyPair.Start();
        using var a = Create(new SerialSettings(pty.PathA, baudRate, parity, dataBits, stopBits));
        using var b = Open(pty.PathB);

        a.Open();
        a.Write([0x55, 0xAA]);

        Assert.Equal(new byte[] { 0x55, 0xAA }, ReadExactly(b, 2));
    }

    [Theory]
    [InlineData(SerialParity.Even, 8)]
    [InlineData(SerialParity.Odd, 8)]
    [InlineData(SerialParity.None, 7)]
    public void Reopening_with_only_the_character_format_changed_applies(SerialParity parity, int dataBits)
    {
        // On a pty, a tcsetattr whose only change is one the pty driver drops (PARENB, CS7) fails with EINVAL.
        using var pty = SocatPtyPair.Start();
        using (var plain = Create(new SerialSettings(pty.PathA, 9600)))
        {
            plain.Open();
        }

        using var changed = Create(new SerialSettings(pty.PathA, 9600, parity, dataBits));
        changed.Open();

        Assert.True(changed.IsOpen);
    }

    [Fact]
    public void A_non_standard_baud_rate_is_refused_with_the_supported_list()
    {
        var exception = Assert.Throws<ModbusTransportException>(() => Create(new SerialSettings("/dev/ttyS0", 14400)));

        Assert.Contains("baud rate 14400 is not supported", exception.Message, StringComparison.Ordinal);
        Assert.Contains("9600", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_open_of_the_same_port_is_refused_while_the_first_holds_it()
    {
        using var pty = SocatPtyPair.Start();
        using var first = Open(pty.PathA);
        using var second = Create(new SerialSettings(pty.PathA));

        var exception = Assert.Throws<ModbusTransportException>(second.Open);

        Assert.Equal($"{pty.PathA}: port is in use by another process", exception.Message);
        Assert.True(first.IsOpen);
        first.Close();
        second.Open();
        Assert.True(second.IsOpen);
    }

    [Fact]
    public void Discard_input_drops_pending_bytes_and_counts_them()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        using var b = Open(pty.PathB);
        a.Write(new byte[40]);
        Thread.Sleep(50);   // let socat carry the bytes across

        int dropped = b.DiscardInput();

        Assert.Equal(40, dropped);
        Assert.Equal(0, b.Read(new byte[64], TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void Close_then_open_reopens_the_port()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        using var b = Open(pty.PathB);

        a.Close();
        Assert.False(a.IsOpen);
        Assert.Throws<ModbusTransportException>(() => a.Write([1]));
        a.Open();
        a.Write([7]);

        Assert.Equal(new byte[] { 7 }, ReadExactly(b, 1));
    }

    [Fact]
    public void Endpoint_names_port_and_line()
    {
        using var transport = Create(new SerialSettings("/dev/ttyUSB0", 19200, SerialParity.Even));

        Assert.Equal("/dev/ttyUSB0 19200 8E1", transport.Endpoint);
        Assert.False(transport.IsOpen);
    }

    protected IModbusTransport Open(string path)
    {
        IModbusTransport transport = Create(new SerialSettings(path));
        transport.Open();
        return transport;
    }

    protected static byte[] ReadExactly(IModbusTransport transport, int count)
    {
        var received = new byte[count];
        int filled = 0;
        var deadline = Stopwatch.StartNew();
        while (filled < count && deadline.Elapsed < Generous)
        {
            filled += transport.Read(received.AsSpan(filled), TimeSpan.FromMilliseconds(100));
        }

        return received[..filled];
    }

    /// <summary>Reads until the hang-up surfaces; a transport may see one quiet timeout first.</summary>
    protected static void ReadUntilFailure(IModbusTransport transport)
    {
        var buffer = new byte[16];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            transport.Read(buffer, TimeSpan.FromMilliseconds(200));
        }
    }
}
