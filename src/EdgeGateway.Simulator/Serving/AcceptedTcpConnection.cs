using System.Net.Sockets;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Simulator.Serving;

/// <summary>
/// The server side of one TCP connection a listener accepted, as an <see cref="IModbusTransport"/> so a
/// <see cref="EdgeGateway.Modbus.Slave.ModbusSlaveServer"/> can serve it. It cannot be reopened: once the client
/// leaves, the connection is over.
/// </summary>
public sealed class AcceptedTcpConnection : IModbusTransport
{
    /// <summary>Upper bound for one blocking send; a client that stops reading must not hang the connection's thread.</summary>
    private const int SendTimeoutMilliseconds = 5000;

    private readonly Socket _socket;
    private bool _closed;

    public AcceptedTcpConnection(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        // Answers are small and the client waits for each: Nagle would hold them back for its delayed ACK.
        _socket.NoDelay = true;
        _socket.SendTimeout = SendTimeoutMilliseconds;
        Endpoint = $"tcp://{socket.RemoteEndPoint}";
    }

    /// <summary>The client's address, e.g. <c>tcp://127.0.0.1:50432</c>.</summary>
    public string Endpoint { get; }

    public bool IsOpen => !_closed;

    /// <inheritdoc/>
    /// <exception cref="ModbusTransportException">The connection was closed; an accepted connection cannot be reopened.</exception>
    public void Open()
    {
        if (_closed)
        {
            throw new ModbusTransportException($"{Endpoint}: the connection is closed; an accepted connection cannot be reopened");
        }
    }

    public void Close()
    {
        _closed = true;
        _socket.Dispose();
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        RequireOpen();
        var sent = 0;
        while (sent < data.Length)
        {
            int count;
            SocketError error;
            try
            {
                count = _socket.Send(data[sent..], SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                throw Drop("connection closed");
            }

            if (error != SocketError.Success)
            {
                throw Drop(error is SocketError.TimedOut or SocketError.WouldBlock
                    ? $"send did not complete within {SendTimeoutMilliseconds} ms"
                    : $"send failed: {error}");
            }

            sent += count;
        }
    }

    /// <remarks>Socket.Poll on Linux truncates to whole milliseconds; a positive timeout is rounded up so it still waits.</remarks>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative.");
        }

        RequireOpen();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var microseconds = timeout == Timeout.InfiniteTimeSpan
            ? -1
            : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds) * 1000);
        int count;
        SocketError error;
        try
        {
            if (!_socket.Poll(microseconds, SelectMode.SelectRead))
            {
                return 0;
            }

            // Readable means data or an orderly close; Receive tells which.
            count = _socket.Receive(buffer, SocketFlags.None, out error);
        }
        catch (SocketException exception)
        {
            throw Drop($"receive failed: {exception.SocketErrorCode}");
        }
        catch (ObjectDisposedException)
        {
            throw Drop("connection closed");
        }

        if (error == SocketError.WouldBlock)
        {
            return 0;
        }

        if (error != SocketError.Success)
        {
            throw Drop(error == SocketError.ConnectionReset ? "connection reset by the client" : $"receive failed: {error}");
        }

        if (count == 0)
        {
            throw Drop("connection closed by the client");
        }

        return count;
    }

    public int DiscardInput()
    {
        RequireOpen();
        Span<byte> scratch = stackalloc byte[512];
        var dropped = 0;
        try
        {
            while (_socket.Available > 0)
            {
                var count = _socket.Receive(scratch, SocketFlags.None, out var error);
                if (error != SocketError.Success || count == 0)
                {
                    throw Drop(count == 0 ? "connection closed by the client" : $"receive failed: {error}");
                }

                dropped += count;
            }
        }
        catch (SocketException exception)
        {
            throw Drop($"receive failed: {exception.SocketErrorCode}");
        }
        catch (ObjectDisposedException)
        {
            throw Drop("connection closed");
        }

        return dropped;
    }

    /// <summary>
    /// Ends the connection from another thread (the server stopping): the owner's next read sees the close at
    /// once instead of after its poll interval. The owner still disposes.
    /// </summary>
    public void Shutdown()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
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

    public void Dispose() => Close();

    public override string ToString() => Endpoint;

    private void RequireOpen()
    {
        if (_closed)
        {
            throw new ModbusTransportException($"{Endpoint}: connection closed");
        }
    }

    private ModbusTransportException Drop(string reason)
    {
        Close();
        return new ModbusTransportException($"{Endpoint}: {reason}");
    }
}
