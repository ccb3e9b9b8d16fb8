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
    public void A_connect_that_gets_no_answer_gives_up_at_its_timeout()
    {
        // A listener whose accept queue is full drops the SYNs of further connects, as a silent host does.
        using var full = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        full.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        full.Listen(0);
        var endpoint = (IPEndPoint)full.LocalEndPoint!;
        var queued = new List<Socket>();
        try
        {
            while (queued.Count < 16)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                queued.Add(socket);
                try
                {
                    socket.Connect(endpoint);
                }
                catch (SocketException underWay) when (underWay.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    // The handshake is under way.
                }

                if (!socket.Poll(200_000, SelectMode.SelectWrite))
                {
                    break;   // this one's SYN was dropped: the queue is full
                }
            }

            using var transport = new TcpTransport("127.0.0.1", endpoint.Port, TimeSpan.FromMilliseconds(300));

            var exception = Assert.Throws<ModbusTransportException>(transport.Open);

            Assert.Equal($"tcp://127.0.0.1:{endpoint.Port}: no answer within 0.3 s (device off or wrong address?)", exception.Message);
            Assert.False(transport.IsOpen);
        }
        finally
        {
            queued.ForEach(socket => socket.Dispose());
        }
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
    public void A_read_that_waits_in_silence_does_not_register_the_connection_with_the_runtimes_socket_engine()
    {
        // A wait of BlockingReceiveThreshold or more is a blocking receive. On a descriptor the runtime had once made
        // non-blocking (Socket.Blocking = false, as a connect with a deadline does), the runtime emulates that receive
        // with its epoll engine: the receive that found nothing registered the connection for good.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "needs /proc/self/fdinfo (Linux)");
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using Socket peer = Accept();
        int descriptor = (int)transport.SocketForTests!.SafeHandle.DangerousGetHandle();

        int silent = transport.Read(new byte[16], TcpTransport.BlockingReceiveThreshold);

        Assert.Equal(0, silent);
        Assert.True(transport.IsOpen);
        Assert.DoesNotContain(descriptor, EpollWatchedDescriptors());
        Assert.Equal([4, 5, 6], RoundTrip(transport, peer, [4, 5, 6]));
        Assert.DoesNotContain(descriptor, EpollWatchedDescriptors());
    }

    [Fact]
    public void A_shutdown_from_another_thread_wakes_a_blocked_read()
    {
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using Socket peer = Accept();
        using var reading = new ManualResetEventSlim();
        Exception? thrown = null;
        var reader = new Thread(() =>
        {
            reading.Set();
            thrown = Record.Exception(() => transport.Read(new byte[16], Timeout.InfiniteTimeSpan));
        });
        reader.Start();
        reading.Wait(TestContext.Current.CancellationToken);

        // The reader may not be inside its receive yet; a shutdown before it is seen by the receive all the same.
        transport.Shutdown();

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "the blocked read did not wake");
        var exception = Assert.IsType<ModbusTransportException>(thrown);
        Assert.Equal($"tcp://127.0.0.1:{Port}: connection closed by the peer", exception.Message);
    }

    [Fact]
    public void A_zero_timeout_read_returns_at_once_with_what_is_there()
    {
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using Socket peer = Accept();

        // SO_RCVTIMEO takes 0 for "no timeout": a zero wait must not become a blocking receive.
        Assert.Equal(0, transport.Read(new byte[16], TimeSpan.Zero));

        peer.Send([9, 8]);
        SpinWait.SpinUntil(() => transport.SocketForTests!.Available == 2, TimeSpan.FromSeconds(5));
        var buffer = new byte[16];
        Assert.Equal(2, transport.Read(buffer, TimeSpan.Zero));
        Assert.Equal([9, 8], buffer[..2]);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(60)]
    public void A_silent_read_waits_out_its_whole_timeout(double milliseconds)
    {
        // 0.3 ms: poll's whole milliseconds must not turn it into no wait at all. 60 ms: the kernel keeps SO_RCVTIMEO
        // in scheduler ticks and may end the receive up to a tick early; the read waits out the rest.
        using var transport = new TcpTransport("127.0.0.1", Port);
        transport.Open();
        using Socket peer = Accept();
        var timeout = TimeSpan.FromMilliseconds(milliseconds);

        var elapsed = Stopwatch.StartNew();
        int count = transport.Read(new byte[16], timeout);

        Assert.Equal(0, count);
        Assert.True(elapsed.Elapsed >= timeout, $"returned after {elapsed.Elapsed.TotalMilliseconds:F2} ms");
        Assert.True(transport.IsOpen);
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
