using System.Net.Sockets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// One accepted logger connection: its socket, the lock that keeps frames whole when replies and commands are
/// written at once, the host commands waiting on it, and what the last packet said about the logger.
/// </summary>
internal sealed class Hj212PlatformConnection : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly List<Hj212PendingExchange> _pending = [];
    private readonly CancellationTokenSource _closed;
    private DateTimeOffset? _closedAt;
    private string? _mn;
    private string? _st;
    private string? _pw;
    private long _packets;

    public Hj212PlatformConnection(long id, Socket socket, DateTimeOffset connectedAt, CancellationToken stopping)
    {
        Id = id;
        Socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: true);
        Remote = socket.RemoteEndPoint;
        ConnectedAt = connectedAt;
        _closed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public long Id { get; }

    public Socket Socket { get; }

    public NetworkStream Stream { get; }

    public System.Net.EndPoint? Remote { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Cancelled when the connection closes or the simulator stops.</summary>
    public CancellationToken Closing => _closed.Token;

    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _closedAt is null;
            }
        }
    }

    public string? Mn
    {
        get
        {
            lock (_gate)
            {
                return _mn;
            }
        }
    }

    public string? St
    {
        get
        {
            lock (_gate)
            {
                return _st;
            }
        }
    }

    public string? Pw
    {
        get
        {
            lock (_gate)
            {
                return _pw;
            }
        }
    }

    /// <summary>Remembers who the logger said it is; counts the frame.</summary>
    public void Saw(string? mn, string? st, string? pw)
    {
        lock (_gate)
        {
            _packets++;
            if (st is "91")
            {
                // Replies carry the interaction ST, not the logger's own.
                st = null;
            }

            _mn = mn ?? _mn;
            _st = st ?? _st;
            _pw = pw ?? _pw;
        }
    }

    /// <summary>The platform changed the logger's PW (a 1072 that succeeded).</summary>
    public void PasswordChanged(string pw)
    {
        lock (_gate)
        {
            _pw = pw;
        }
    }

    public Hj212PlatformConnectionInfo Snapshot()
    {
        lock (_gate)
        {
            return new Hj212PlatformConnectionInfo(Id, Remote, ConnectedAt, _closedAt, _mn, _packets);
        }
    }

    public void AddPending(Hj212PendingExchange exchange)
    {
        lock (_gate)
        {
            if (_closedAt is not null)
            {
                exchange.LoseConnection();
                return;
            }

            _pending.Add(exchange);
        }
    }

    public void RemovePending(Hj212PendingExchange exchange)
    {
        lock (_gate)
        {
            _pending.Remove(exchange);
        }
    }

    public Hj212PendingExchange[] Pending()
    {
        lock (_gate)
        {
            return _pending.ToArray();
        }
    }

    /// <summary>Writes one whole frame; frames from several writers never interleave.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Marks the connection closed (once); returns false when it already was.</summary>
    public bool MarkClosed(DateTimeOffset at)
    {
        Hj212PendingExchange[] pending;
        lock (_gate)
        {
            if (_closedAt is not null)
            {
                return false;
            }

            _closedAt = at;
            pending = _pending.ToArray();
        }

        foreach (var exchange in pending)
        {
            exchange.LoseConnection();
        }

        return true;
    }

    /// <summary>Closes the socket: the reader sees the end and marks the connection closed.</summary>
    public void Close()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: already closed.
        }

        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The peer went first.
        }
        catch (ObjectDisposedException)
        {
            // Closed before.
        }

        Stream.Dispose();
    }

    public void Dispose()
    {
        Close();
        _closed.Dispose();
        _sending.Dispose();
    }
}
