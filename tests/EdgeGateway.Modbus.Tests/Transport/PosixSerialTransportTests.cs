using System.Diagnostics;
using System.Runtime.CompilerServices;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Modbus.Transport.Posix;

namespace EdgeGateway.Modbus.Tests.Transport;

public sealed class PosixSerialTransportTests : SerialTransportContractTests
{
    [Fact]
    public void Termios_matches_the_glibc_layout()
    {
        // gcc on Debian 12 x86_64: sizeof(struct termios) == 60, c_cc at 17, c_ispeed at 52.
        Assert.Equal(Termios.NativeSize, Unsafe.SizeOf<Termios>());
        Assert.Equal(IntPtr.Size * 2, Unsafe.SizeOf<TimeSpec>());
        Assert.Equal(8, Unsafe.SizeOf<PollDescriptor>());
    }

    [Fact]
    public void A_timespec_keeps_sub_millisecond_precision()
    {
        TimeSpec timeSpec = TimeSpec.FromTimeSpan(TimeSpan.FromMicroseconds(1750));

        Assert.Equal(0, (long)timeSpec.Seconds);
        Assert.Equal(1_750_000, (long)timeSpec.Nanoseconds);
        Assert.Equal(2, (long)TimeSpec.FromTimeSpan(TimeSpan.FromMilliseconds(2500)).Seconds);
    }

    [Fact]
    public void A_sub_millisecond_timeout_waits_about_that_long()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        var buffer = new byte[16];
        var samples = new List<double>();

        for (int attempt = 0; attempt < 20; attempt++)
        {
            var elapsed = Stopwatch.StartNew();
            Assert.Equal(0, a.Read(buffer, TimeSpan.FromMicroseconds(1750)));
            samples.Add(elapsed.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine($"1.75 ms read timeout: min {samples[0]:F3} median {samples[10]:F3} max {samples[^1]:F3} ms");
        // ppoll never returns early; the median shows it is not rounded up to 30 ms like System.IO.Ports.
        Assert.True(samples[0] >= 1.7, $"returned early: {samples[0]:F3} ms");
        Assert.True(samples[10] < 25, $"median {samples[10]:F3} ms: looks rounded up");
    }

    [Fact]
    public void A_port_held_here_is_refused_to_System_IO_Ports_and_the_other_way_round()
    {
        using var pty = SocatPtyPair.Start();
        using (var posix = Open(pty.PathA))
        using (var ports = new SerialPortTransport(new SerialSettings(pty.PathA)))
        {
            Assert.Equal($"{pty.PathA}: port is in use by another process", Assert.Throws<ModbusTransportException>(ports.Open).Message);
        }

        using (var ports = new SerialPortTransport(new SerialSettings(pty.PathA)))
        using (var posix = Create(new SerialSettings(pty.PathA)))
        {
            ports.Open();
            Assert.Equal($"{pty.PathA}: port is in use by another process", Assert.Throws<ModbusTransportException>(posix.Open).Message);
        }
    }

    [Fact]
    public void A_large_write_completes_through_partial_writes()
    {
        using var pty = SocatPtyPair.Start();
        using var a = Open(pty.PathA);
        using var b = Open(pty.PathB);
        byte[] block = Enumerable.Range(0, 64 * 1024).Select(value => (byte)(value * 7)).ToArray();
        byte[]? received = null;
        var reader = new Thread(() => received = ReadExactly(b, block.Length));
        reader.Start();

        a.Write(block);

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(block, received);
    }

    protected override IModbusTransport Create(SerialSettings settings) => new PosixSerialTransport(settings);
}
