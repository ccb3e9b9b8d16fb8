using System.Net.Sockets;

namespace EdgeGateway.Control;

/// <summary>
/// One accepted control connection as the server's admission sees it: whether a command of it is executing, since when
/// it has been waiting on its client, and the token that ends it (the idle deadline, being dropped, the server stopping).
/// </summary>
internal sealed class ControlConnection : IDisposable
{
    private readonly CancellationTokenSource _ending;
    private readonly TimeSpan _idleTimeout;
    private readonly Lock _gate = new();
    private bool _executing;

    public ControlConnection(Socket socket, TimeSpan idleTimeout, CancellationToken stopping)
    {
        Socket = socket;
        _idleTimeout = idleTimeout;
        _ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        BecomeIdle();
    }

    public Socket Socket { get; }

    /// <summary>Cancelled when the connection is to end: its idle deadline passed, it was dropped, or the server stops.</summary>
    public CancellationToken Ending => _ending.Token;

    /// <summary>When the connection last began to wait on its client (connect, or its last command finished).</summary>
    public long IdleSince { get; private set; }

    /// <summary>True while a command of this connection executes: such a connection is never dropped for another.</summary>
    public bool Executing
    {
        get
        {
            lock (_gate)
            {
                return _executing;
            }
        }
    }

    /// <summary>
    /// Starts the idle clock: the client has the idle timeout from now to deliver a whole request line (and to read the
    /// reply). Bytes that do not complete a line do not restart it, so a client trickling a byte a minute is closed too.
    /// </summary>
    public void BecomeIdle()
    {
        lock (_gate)
        {
            _executing = false;
            IdleSince = Environment.TickCount64;
            TryCancelAfter(_idleTimeout);
        }
    }

    /// <summary>A whole request arrived: the idle clock stops while it executes. False if the connection already ended.</summary>
    public bool BecomeExecuting()
    {
        lock (_gate)
        {
            if (_ending.IsCancellationRequested)
            {
                return false;
            }

            _executing = true;
            TryCancelAfter(Timeout.InfiniteTimeSpan);
            return true;
        }
    }

    /// <summary>Ends the connection to make room for a new one.</summary>
    public void Drop()
    {
        try
        {
            _ending.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended and cleaned up.
        }
    }

    public void Dispose()
    {
        _ending.Dispose();
        Socket.Dispose();
    }

    private void TryCancelAfter(TimeSpan delay)
    {
        try
        {
            _ending.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // Already ended and cleaned up.
        }
    }
}
