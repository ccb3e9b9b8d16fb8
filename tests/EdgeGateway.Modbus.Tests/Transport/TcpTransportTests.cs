using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport;

public sealed class TcpTransportTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public TcpTransportTests()
    {
        _listener.Start();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public void Bytes_sent_come_back_from_an_echo_peer()
    {
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using Socket peer = Accept();
        var echo = new Thread(() => Echo(peer));
        echo.Start();
        byte[] request = [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x02];

        transport.Write(request);

        Assert.Equal(request, ReadExactly(transport, request.Length));
        transport.Close();
        echo.Join(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_silent_read_returns_zero_after_its_timeout()
    {
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using Socket peer = Accept();

        var elapsed = Stopwatch.StartNew();
        int count = transport.Read(new byte[16], TimeSpan.FromMilliseconds(20));

        Assert.Equal(0, count);
        Assert.True(elapsed.Elapsed >= TimeSpan.FromMilliseconds(19), $"returned after {elapsed.Elapsed.TotalMilliseconds:F1} ms");
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"took {elapsed.Elapsed.TotalMilliseconds:F1} ms");
        Assert.True(transport.IsOpen);
    }

    [Fact]
    public void A_peer_close_makes_the_read_throw_and_open_reconnects()
    {
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using (Socket peer = Accept())
        {
            peer.Shutdown(SocketShutdown.Both);
        }

        var exception = Assert.Throws<ModbusTransportException>(() => transport.Read(new byte[16], TimeSpan.FromSeconds(2)));

        Assert.Equal($"tcp://127.0.0.1:{Port}: connection closed by the peer", exception.Message);
        Assert.False(transport.IsOpen);

        transport.Open();
        using Socket second = Accept();
        second.Send([0x42]);
        Assert.Equal(new byte[] { 0x42 }, ReadExactly(transport, 1));
    }

    [Fact]
    public void A_peer_reset_makes_the_read_throw()
    {
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using (Socket peer = Accept())
        {
            peer.LingerState = new LingerOption(true, 0);   // close with RST instead of FIN
        }

        Assert.Throws<ModbusTransportException>(() => transport.Read(new byte[16], TimeSpan.FromSeconds(2)));
        Assert.False(transport.IsOpen);
    }

    [Fact]
    public void A_refused_connection_says_so()
    {
        int closedPort = Port;
        _listener.Stop();
        using var transport = new TcpTransport("127.0.0.1", closedPort);

        var exception = Assert.Throws<ModbusTransportException>(transport.Open);

        Assert.Equal($"tcp://127.0.0.1:{closedPort}: connection refused", exception.Message);
        Assert.False(transport.IsOpen);
    }

    [Fact]
    public void An_unknown_host_says_so()
    {
        using var transport = new TcpTransport("no-such-host.invalid", 502, TimeSpan.FromSeconds(1));

        var exception = Assert.Throws<ModbusTransportException>(transport.Open);

        Assert.StartsWith("tcp://no-such-host.invalid:502: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_connection_is_not_registered_with_the_runtimes_socket_engine()
    {
        // Issue 18: a connection opened with ConnectAsync stayed registered with the runtime's epoll thread, which then
        // woke for every answer the bus thread read itself. Linux shows an epoll instance's descriptors in fdinfo.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "needs /proc/self/fdinfo (Linux)");
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using Socket peer = Accept();   // accepted through the engine: its epoll instances exist in this process now
        int descriptor = (int)transport.SocketForTests!.SafeHandle.DangerousGetHandle();

        var watched = EpollWatchedDescriptors();

        Assert.NotEmpty(watched);
        Assert.DoesNotContain(descriptor, watched);
        Assert.Equal([1, 2, 3], RoundTrip(transport, peer, [1, 2, 3]));
    }

    [Fact]
    public void Discard_input_drops_pending_bytes_and_counts_them()
    {
        using var transport = new TcpTransport("localhost", Port);
        transport.Open();
        using Socket peer = Accept();
        peer.Send(new byte[25]);
        SpinWait.SpinUntil(() => false, TimeSpan.FromMilliseconds(50));

        Assert.Equal(25, transport.DiscardInput());
        Assert.Equal(0, transport.Read(new byte[64], TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void Using_a_closed_transport_throws_a_transport_exception()
    {
        using var transport = new TcpTransport("127.0.0.1", Port);

        Assert.Throws<ModbusTransportException>(() => transport.Write([1]));
        Assert.Throws<ModbusTransportException>(() => transport.Read(new byte[1], TimeSpan.Zero));
        Assert.Equal($"tcp://127.0.0.1:{Port}", transport.Endpoint);
    }

    public void Dispose() => _listener.Dispose();

    private static byte[] ReadExactly(IModbusTransport transport, int count)
    {
        var received = new byte[count];
        int filled = 0;
        var deadline = Stopwatch.StartNew();
        while (filled < count && deadline.Elapsed < TimeSpan.FromSeconds(2))
        {
            filled += transport.Read(received.AsSpan(filled), TimeSpan.FromMilliseconds(100));
        }

        return received[..filled];
    }

    private static byte[] RoundTrip(TcpTransport transport, Socket peer, byte[] data)
    {
        transport.Write(data);
        var received = new byte[data.Length];
        int filled = 0;
        while (filled < data.Length)
        {
            filled += peer.Receive(received.AsSpan(filled));
        }

        peer.Send(received);
        return ReadExactly(transport, data.Length);
    }

    /// <summary>Every descriptor an epoll instance of this process watches (the "tfd:" lines of its fdinfo).</summary>
    private static HashSet<int> EpollWatchedDescriptors()
    {
        var watched = new HashSet<int>();
        foreach (string link in Directory.GetFiles("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(link).LinkTarget;
            }
            catch (IOException)
            {
                continue;   // closed meanwhile
            }

            if (target != "anon_inode:[eventpoll]")
            {
                continue;
            }

            string info;
            try
            {
                info = File.ReadAllText("/proc/self/fdinfo/" + Path.GetFileName(link));
            }
            catch (IOException)
            {
                continue;
            }

            foreach (string line in info.Split('\n'))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && fields[0] == "tfd:" && int.TryParse(fields[1], out int watchedDescriptor))
                {
                    watched.Add(watchedDescriptor);
                }
            }
        }

        return watched;
    }

    private static void Echo(Socket peer)
    {
        var buffer = new byte[256];
        try
        {
            int count;
            while ((count = peer.Receive(buffer)) > 0)
            {
                peer.Send(buffer.AsSpan(0, count));
            }
        }
        catch (SocketException)
        {
            // The test closed its end.
        }
        catch (ObjectDisposedException)
        {
            // The test disposed the peer.
        }
    }

    private Socket Accept()
    {
        Task<Socket> accept = _listener.AcceptSocketAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.True(accept.Wait(TimeSpan.FromSeconds(5)), "no connection arrived");
        return accept.Result;
    }
}
