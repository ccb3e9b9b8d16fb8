using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Modbus.Transport;

/// <summary>
/// A TCP client connection to a Modbus TCP device or an RS-485-to-Ethernet converter. <see cref="Open"/> connects
/// (or reconnects after a drop); a dropped connection surfaces as <see cref="ModbusTransportException"/>.
/// </summary>
public sealed class TcpTransport : IModbusTransport
{
    /// <summary>The default for how long <see cref="Open"/> waits for the TCP handshake.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(3);

    // Keep-alive finds a peer that vanished without a FIN (power cut, cable pulled) within about 10 + 3 × 5 s,
    // even while the bus is idle and we only read.
    private const int KeepAliveIdleSeconds = 10;
    private const int KeepAliveIntervalSeconds = 5;
    private const int KeepAliveProbeCount = 3;

    /// <summary>Upper bound for one blocking send; a healthy peer accepts a Modbus frame at once.</summary>
    private const int SendTimeoutMilliseconds = 5000;

    /// <summary>
    /// Waits at least this long are one blocking receive under SO_RCVTIMEO; shorter ones poll first (see
    /// <see cref="Read"/>). The kernel counts SO_RCVTIMEO in scheduler ticks (1 to 10 ms, CONFIG_HZ), a small share of
    /// an answer timeout (100 ms and up in practice, the read of every exchange) but not of a frame silence or a
    /// late-answer guard (a few ms, and only after a timeout), which keep poll's finer timing.
    /// </summary>
    internal static readonly TimeSpan BlockingReceiveThreshold = TimeSpan.FromMilliseconds(50);

    /// <summary>The socket's receive timeout for "wait for ever" (Socket.ReceiveTimeout's 0 or -1).</summary>
    private const int InfiniteReceiveTimeout = 0;

    private Socket? _socket;

    // The receive timeout (SO_RCVTIMEO) the socket has now, in ms; -1 before the first blocking receive sets one.
    private int _receiveTimeoutMilliseconds = -1;

    // True for the server side of an accepted connection: it can be closed but not reopened.
    private bool _accepted;

    /// <param name="host">A host name or an IP address.</param>
    /// <param name="port">The TCP port, 502 for Modbus TCP.</param>
    /// <param name="connectTimeout">How long <see cref="Open"/> waits for the connection; <see cref="DefaultConnectTimeout"/> if null.</param>
    public TcpTransport(string host, int port, TimeSpan? connectTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        TimeSpan timeout = connectTimeout ?? DefaultConnectTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(connectTimeout));

        Host = host;
        Port = port;
        ConnectTimeout = timeout;
        // An IPv6 literal needs brackets in a URI-like text.
        Endpoint = IPAddress.TryParse(host, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"tcp://[{host}]:{port}"
            : $"tcp://{host}:{port}";
    }

    /// <summary>
    /// The server side of a connection a listener accepted (the simulator, tests), with the same reads and writes as a
    /// client connection. Once closed it cannot be reopened: the client has to connect again.
    /// </summary>
    public static TcpTransport FromAccepted(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var remote = (IPEndPoint)(socket.RemoteEndPoint ?? throw new ArgumentException("the socket is not connected", nameof(socket)));
        ConfigureConnected(socket);
        return new TcpTransport(remote.Address.ToString(), remote.Port) { _socket = socket, _accepted = true };
    }

    public string Host { get; }

    public int Port { get; }

    public TimeSpan ConnectTimeout { get; }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <inheritdoc/>
    public bool IsOpen => _socket is not null;

    /// <inheritdoc/>
    public void Open()
    {
        if (_accepted)
        {
            if (_socket is null)
            {
                throw new ModbusTransportException($"{Endpoint}: the connection is closed; an accepted connection cannot be reopened");
            }

            return;
        }

        Close();
        IPAddress[] addresses = ResolveHost();
        ModbusTransportException? lastFailure = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                Connect(socket, address);
                ConfigureConnected(socket);
                _socket = socket;
                _receiveTimeoutMilliseconds = -1;
                return;
            }
            catch (ModbusTransportException failure)
            {
                socket.Dispose();
                lastFailure = failure;
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                lastFailure = new ModbusTransportException($"{Endpoint}: {Describe(exception.SocketErrorCode)}", exception);
            }
        }

        throw lastFailure ?? new ModbusTransportException($"{Endpoint}: host not found");
    }

    /// <summary>
    /// Ends the connection from another thread (a server or poller stopping): the owner's blocked read sees the close
    /// at once instead of after its timeout. The owner still closes and disposes.
    /// </summary>
    public void Shutdown()
    {
        try
        {
            Volatile.Read(ref _socket)?.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone: nothing to end.
        }
        catch (ObjectDisposedException)
        {
            // The owner closed it first.
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        Socket? socket = _socket;
        _socket = null;
        socket?.Dispose();
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        Socket socket = RequireOpen();
        int sent = 0;
        while (sent < data.Length)
        {
            int count = socket.Send(data[sent..], SocketFlags.None, out SocketError error);
            if (error != SocketError.Success)
            {
                throw Drop(error == SocketError.TimedOut || error == SocketError.WouldBlock
                    ? $"{Endpoint}: send did not complete within {SendTimeoutMilliseconds} ms"
                    : $"{Endpoint}: {Describe(error)}");
            }

            sent += count;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// A wait of <see cref="BlockingReceiveThreshold"/> or more (the wait for an answer, the usual read) is one system
    /// call: a blocking receive with the wait set as the socket's receive timeout (SO_RCVTIMEO). The option is set
    /// only when the wait, in whole milliseconds, differs from the last one, so a steady bus does not pay a setsockopt
    /// per read. The kernel keeps that timeout in scheduler ticks (1-10 ms): it may end the receive up to a tick
    /// early, which is made good below by waiting out the rest; ending up to a tick late only delays a timeout.
    /// </para>
    /// <para>
    /// A shorter wait (frame silences, the late-answer guard, a zero wait, which SO_RCVTIMEO would take for "for
    /// ever") polls first and receives what the poll found: two system calls, but with poll's finer timing.
    /// Socket.Poll on Linux truncates its microseconds to whole milliseconds; a positive wait is therefore rounded up
    /// to the next millisecond so it never turns into "do not wait at all". TCP has no character timing to honour, so
    /// this costs nothing.
    /// </para>
    /// <para>
    /// Either way a receive of 0 bytes is the peer's orderly close (or a <see cref="Shutdown"/> from another thread,
    /// which wakes a blocked receive as it wakes a poll), and a receive that timed out (EAGAIN) is silence. The socket
    /// stays blocking and is never handed to the runtime's socket engine.
    /// </para>
    /// </remarks>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative.");
        }

        Socket socket = RequireOpen();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return ReceiveBlocking(socket, buffer, InfiniteReceiveTimeout);
        }

        if (timeout < BlockingReceiveThreshold)
        {
            return PollThenReceive(socket, buffer, timeout);
        }

        long start = Stopwatch.GetTimestamp();
        TimeSpan left = timeout;
        while (left >= BlockingReceiveThreshold)
        {
            int count = ReceiveBlocking(socket, buffer, (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalMilliseconds)));
            if (count > 0)
            {
                return count;
            }

            left = timeout - Stopwatch.GetElapsedTime(start);
        }

        // The receive timed out up to a scheduler tick early: wait out the rest, so that 0 still means the whole
        // timeout passed in silence (the master takes it for a frame silence).
        return left > TimeSpan.Zero ? PollThenReceive(socket, buffer, left) : 0;
    }

    /// <inheritdoc/>
    public int DiscardInput()
    {
        Socket socket = RequireOpen();
        Span<byte> scratch = stackalloc byte[512];
        int dropped = 0;
        try
        {
            while (socket.Available > 0)
            {
                int count = socket.Receive(scratch, SocketFlags.None, out SocketError error);
                if (error != SocketError.Success)
                {
                    throw Drop($"{Endpoint}: {Describe(error)}");
                }

                if (count == 0)
                {
                    break;
                }

                dropped += count;
            }
        }
        catch (SocketException exception)
        {
            throw Drop($"{Endpoint}: {Describe(exception.SocketErrorCode)}");
        }

        return dropped;
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    public override string ToString() => Endpoint;

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset by the peer",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.Shutdown or SocketError.NotConnected => "connection closed",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.TryAgain => "host name lookup failed (DNS not reachable?)",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
        SocketError.AddressNotAvailable => "address not available",
        _ => $"socket error {error}",
    };

    /// <summary>
    /// One blocking receive with <paramref name="timeoutMilliseconds"/> as the socket's receive timeout
    /// (<see cref="InfiniteReceiveTimeout"/>: none); 0 when it timed out.
    /// </summary>
    private int ReceiveBlocking(Socket socket, Span<byte> buffer, int timeoutMilliseconds)
    {
        if (timeoutMilliseconds != _receiveTimeoutMilliseconds)
        {
            try
            {
                // 0 is "no timeout" to SO_RCVTIMEO, the same as InfiniteReceiveTimeout.
                socket.ReceiveTimeout = timeoutMilliseconds;
            }
            catch (SocketException exception)
            {
                throw Drop($"{Endpoint}: {Describe(exception.SocketErrorCode)}");
            }

            _receiveTimeoutMilliseconds = timeoutMilliseconds;
        }

        int count = socket.Receive(buffer, SocketFlags.None, out SocketError error);

        // A blocking receive that ran into SO_RCVTIMEO fails with EAGAIN, which the runtime reports as TimedOut
        // (WouldBlock on a non-blocking handle).
        return error is SocketError.TimedOut or SocketError.WouldBlock ? 0 : Received(count, error);
    }

    /// <summary>Waits with poll(2) for at most <paramref name="timeout"/>, then receives what arrived.</summary>
    private int PollThenReceive(Socket socket, Span<byte> buffer, TimeSpan timeout)
    {
        int microseconds = timeout <= TimeSpan.Zero
            ? 0
            : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds) * 1000);
        bool readable;
        try
        {
            readable = socket.Poll(microseconds, SelectMode.SelectRead);
        }
        catch (SocketException exception)
        {
            throw Drop($"{Endpoint}: {Describe(exception.SocketErrorCode)}");
        }

        if (!readable)
        {
            return 0;
        }

        // Poll says "readable" for data and for an orderly close alike; Receive tells which. It does not block: the
        // data (or the close) is there, and only this thread reads.
        int count = socket.Receive(buffer, SocketFlags.None, out SocketError error);
        return error is SocketError.WouldBlock or SocketError.TimedOut ? 0 : Received(count, error);
    }

    /// <summary>The bytes a receive returned, or the drop it reported: an error, or 0 bytes for the peer's close.</summary>
    private int Received(int count, SocketError error)
    {
        if (error != SocketError.Success)
        {
            throw Drop($"{Endpoint}: {Describe(error)}");
        }

        if (count == 0)
        {
            throw Drop($"{Endpoint}: connection closed by the peer");
        }

        return count;
    }

    private static void ConfigureConnected(Socket socket)
    {
        // Requests are small and strictly request/response: Nagle would hold each one back for the peer's delayed ACK.
        socket.NoDelay = true;
        socket.SendTimeout = SendTimeoutMilliseconds;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, KeepAliveIdleSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, KeepAliveIntervalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveProbeCount);
    }

    private IPAddress[] ResolveHost()
    {
        if (IPAddress.TryParse(Host, out IPAddress? literal))
        {
            return [literal];
        }

        try
        {
            IPAddress[] addresses = Dns.GetHostAddresses(Host);
            return addresses.Length > 0 ? addresses : throw new ModbusTransportException($"{Endpoint}: host not found");
        }
        catch (SocketException exception)
        {
            throw new ModbusTransportException($"{Endpoint}: {Describe(exception.SocketErrorCode)}", exception);
        }
    }

    /// <summary>
    /// Connects with a deadline (a blocking connect to a silent host would wait for the kernel's ~2 min), without the
    /// runtime's socket engine: <see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/> registers the socket with
    /// the engine's epoll thread for good, and that thread then woke for every answer the bus received, though the bus
    /// thread reads it itself (a context switch per Modbus answer, issue 18).
    /// </summary>
    /// <remarks>
    /// The connect blocks, bounded by the send timeout (SO_SNDTIMEO), which Linux applies to a blocking connect: it
    /// then fails with EINPROGRESS, which the runtime reports as TimedOut. A non-blocking connect polled here (the
    /// earlier way) left the descriptor non-blocking for good, since the runtime does not clear O_NONBLOCK when
    /// Socket.Blocking is set back; a blocking receive on it is then emulated by the epoll engine, which registers
    /// the socket the first time a receive has to wait. <see cref="Read"/>'s one-call receive needs a blocking
    /// descriptor.
    /// </remarks>
    private void Connect(Socket socket, IPAddress address)
    {
        socket.SendTimeout = (int)Math.Clamp(Math.Ceiling(ConnectTimeout.TotalMilliseconds), 1, int.MaxValue);
        try
        {
            socket.Connect(new IPEndPoint(address, Port));
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.InProgress)
        {
            throw new ModbusTransportException(
                $"{Endpoint}: no answer within {ConnectTimeout.TotalSeconds:0.#} s (device off or wrong address?)");
        }
    }

    /// <summary>The connection's socket, for tests that look at how it is set up.</summary>
    internal Socket? SocketForTests => _socket;

    private Socket RequireOpen() =>
        _socket ?? throw new ModbusTransportException($"{Endpoint}: not connected");

    private ModbusTransportException Drop(string message)
    {
        Close();
        return new ModbusTransportException(message);
    }
}
