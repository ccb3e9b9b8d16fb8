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

    private Socket? _socket;

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
    /// Socket.Poll on Linux truncates its microseconds to whole milliseconds; a positive timeout is therefore
    /// rounded up to the next millisecond so it never turns into "do not wait at all". TCP has no character
    /// timing to honour, so this costs nothing.
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

        int microseconds = timeout == Timeout.InfiniteTimeSpan
            ? -1
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

        // Poll says "readable" for data and for an orderly close alike; Receive tells which.
        int count = socket.Receive(buffer, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return 0;
        }

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
    /// thread reads it itself (a context switch per Modbus answer, issue 18). A non-blocking connect polled here
    /// leaves the socket blocking and unregistered.
    /// </summary>
    private void Connect(Socket socket, IPAddress address)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(new IPEndPoint(address, Port));
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // The handshake is under way: wait for it below.
        }

        var waited = Stopwatch.StartNew();
        while (true)
        {
            var left = ConnectTimeout - waited.Elapsed;
            var microseconds = left <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalMilliseconds) * 1000);
            var writable = socket.Poll(microseconds, SelectMode.SelectWrite);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            if (writable)
            {
                socket.Blocking = true;
                return;
            }

            // Poll may return early (a signal, a faked clock): the deadline is the stopwatch's.
            if (waited.Elapsed >= ConnectTimeout)
            {
                throw new ModbusTransportException(
                    $"{Endpoint}: no answer within {ConnectTimeout.TotalSeconds:0.#} s (device off or wrong address?)");
            }
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
