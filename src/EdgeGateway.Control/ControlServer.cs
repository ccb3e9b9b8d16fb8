using System.Net.Sockets;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Primitives.Counting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Control;

/// <summary>
/// Serves the control protocol on a Unix domain socket: each connection on its own task, one JSON request per line,
/// one response line each. A malformed, oversized or unknown request gets an error response and never reaches the
/// gateway. A connection that waits on its client (a partial line, no line, an unread reply) for the idle timeout is
/// closed; when all connection places are taken, a new connection takes the place of the longest-idle one, so no set of
/// clients that merely hold connections can keep `egw status` out.
/// </summary>
public sealed partial class ControlServer : IAsyncDisposable
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    private readonly Socket _listener;
    private readonly ControlRequestHandler _handler;
    private readonly ControlServerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ControlConnection> _open = [];
    private readonly Lock _openGate = new();
    private readonly Task _accepting;
    private readonly CounterSet<ControlServerCounter> _counters = new();

    private ControlServer(string path, Socket listener, ControlRequestHandler handler, ControlServerOptions options, ILogger logger)
    {
        Path = path;
        _listener = listener;
        _handler = handler;
        _options = options;
        _logger = logger;
        _accepting = Task.Run(AcceptAsync);
    }

    public string Path { get; }

    public long Connections => _counters[ControlServerCounter.Connections];

    public long Requests => _counters[ControlServerCounter.Requests];

    /// <summary>Requests answered with an error (malformed, oversized, unknown, failed...).</summary>
    public long Errors => _counters[ControlServerCounter.Errors];

    /// <summary>Connections ended to make room (the longest-idle one dropped, or a new one refused as busy).</summary>
    public long Dropped => _counters[ControlServerCounter.Dropped];

    /// <summary>Connections open now.</summary>
    public int Open
    {
        get
        {
            lock (_openGate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Binds the socket (replacing a stale one left by a crash), sets its mode and starts accepting.</summary>
    public static ControlServer Start(string path, ControlRequestHandler handler, ControlServerOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new ControlServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConnections, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.IdleTimeout, TimeSpan.Zero, nameof(options));
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        if (File.Exists(path))
        {
            // A socket file outlives a killed process; nothing listens on it any more (systemd runs one instance).
            File.Delete(path);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, options.SocketMode);
            }

            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new ControlServer(path, listener, handler, options, logger ?? NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Already gone, or replaced by a new instance's socket.
        }

        _stopping.Dispose();
    }

    /// <summary>The kernel's word on who connected (Linux SO_PEERCRED: pid, uid, gid).</summary>
    public static ControlCaller PeerOf(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> credentials = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        return length < 12
            ? new ControlCaller(0, uint.MaxValue, uint.MaxValue)
            : new ControlCaller(BitConverter.ToInt32(credentials[..4]), BitConverter.ToUInt32(credentials[4..8]), BitConverter.ToUInt32(credentials[8..12]));
    }

    private async Task AcceptAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException && token.IsCancellationRequested)
            {
                return;
            }

            _counters.Increment(ControlServerCounter.Connections);
            var connection = new ControlConnection(client, _options.IdleTimeout, token);
            if (Admit(connection))
            {
                _ = Task.Run(() => ServeAsync(connection, token), CancellationToken.None);
            }
            else
            {
                _counters.Increment(ControlServerCounter.Dropped);
                _ = Task.Run(() => RefuseAsync(connection, token), CancellationToken.None);
            }
        }
    }

    // Every place taken: the connection that has waited longest on its client gives its place up (it holds nothing but
    // the place). Only when every place executes a command is the new connection refused, and commands end.
    private bool Admit(ControlConnection connection)
    {
        ControlConnection? dropped = null;
        lock (_openGate)
        {
            if (_open.Count >= _options.MaxConnections)
            {
                dropped = _open.Where(open => !open.Executing).MinBy(open => open.IdleSince);
                if (dropped is null)
                {
                    return false;
                }

                _open.Remove(dropped);
            }

            _open.Add(connection);
        }

        if (dropped is not null)
        {
            _counters.Increment(ControlServerCounter.Dropped);
            LogDropped(_logger, _options.MaxConnections);
            dropped.Drop();
        }

        return true;
    }

    private async Task RefuseAsync(ControlConnection connection, CancellationToken stopping)
    {
        using (connection)
        {
            try
            {
                await using var stream = new NetworkStream(connection.Socket, ownsSocket: false);
                var refusal = ControlResponse.Failure(null, CommandErrorCodes.Busy, $"all {_options.MaxConnections} control connections are executing commands; repeat shortly");
                await ReplyAsync(stream, refusal, connection.Ending).ConfigureAwait(false);
                await CloseAfterReplyAsync(connection.Socket, stream, new byte[4096], stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The refused client went away first.
            }
        }
    }

    private async Task ServeAsync(ControlConnection connection, CancellationToken stopping)
    {
        var client = connection.Socket;
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            var caller = PeerOf(client);
            var buffer = new byte[ControlProtocol.MaxRequestBytes + 1];
            var filled = 0;
            while (!stopping.IsCancellationRequested)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', 0, filled);
                if (newline < 0)
                {
                    if (filled >= ControlProtocol.MaxRequestBytes)
                    {
                        _counters.Increment(ControlServerCounter.Requests);
                        _counters.Increment(ControlServerCounter.Errors);
                        await ReplyAsync(stream, ControlResponse.Failure(null, CommandErrorCodes.Oversized, $"a request line may hold at most {ControlProtocol.MaxRequestBytes} bytes"), connection.Ending).ConfigureAwait(false);
                        await CloseAfterReplyAsync(client, stream, buffer, connection.Ending).ConfigureAwait(false);
                        return;
                    }

                    // Until the idle deadline, whatever arrives; a partial line does not move the deadline.
                    var read = await stream.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), connection.Ending).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    continue;
                }

                if (!connection.BecomeExecuting())
                {
                    return;
                }

                var response = await AnswerAsync(buffer.AsMemory(0, newline), caller, stopping).ConfigureAwait(false);
                connection.BecomeIdle();

                // A client that does not read its reply waits on its own idle deadline like one that does not send.
                await ReplyAsync(stream, response, connection.Ending).ConfigureAwait(false);
                filled -= newline + 1;
                Buffer.BlockCopy(buffer, newline + 1, buffer, 0, filled);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, idled out, was dropped for a new one, or the server is stopping: nothing to answer.
        }
        finally
        {
            lock (_openGate)
            {
                _open.Remove(connection);
            }

            connection.Dispose();
        }
    }

    private async ValueTask<ControlResponse> AnswerAsync(ReadOnlyMemory<byte> line, ControlCaller caller, CancellationToken stopping)
    {
        _counters.Increment(ControlServerCounter.Requests);
        ControlRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line.Span, ControlJsonContext.Default.ControlRequest);
        }
        catch (JsonException exception)
        {
            _counters.Increment(ControlServerCounter.Errors);
            return ControlResponse.Failure(null, CommandErrorCodes.Malformed, $"not a JSON request: {exception.Message}");
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Command))
        {
            _counters.Increment(ControlServerCounter.Errors);
            return ControlResponse.Failure(request?.Id, CommandErrorCodes.Malformed, "a request is {\"v\":1,\"id\":...,\"command\":...,\"args\":{...}}");
        }

        if (request.V != ControlProtocol.Version)
        {
            _counters.Increment(ControlServerCounter.Errors);
            return ControlResponse.Failure(request.Id, CommandErrorCodes.UnsupportedVersion, $"this gateway speaks control protocol version {ControlProtocol.Version}, not {request.V}");
        }

        try
        {
            var response = await _handler(request, caller, stopping).ConfigureAwait(false);
            if (!response.Ok)
            {
                _counters.Increment(ControlServerCounter.Errors);
            }

            return response with { Id = request.Id };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _counters.Increment(ControlServerCounter.Errors);
            LogHandlerFailed(_logger, exception, request.Command);
            return ControlResponse.Failure(request.Id, CommandErrorCodes.Failed, $"{request.Command} failed: {exception.Message}");
        }
    }

    // Closing with unread input makes the kernel send a reset, which can destroy the reply before the client reads it:
    // end our side first, then discard what the client still sends, briefly and boundedly.
    private static async Task CloseAfterReplyAsync(Socket client, NetworkStream stream, byte[] scratch, CancellationToken stopping)
    {
        client.Shutdown(SocketShutdown.Send);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(TimeSpan.FromSeconds(1));
        var discarded = 0L;
        while (discarded < 16L * ControlProtocol.MaxRequestBytes)
        {
            var read = await stream.ReadAsync(scratch, limit.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            discarded += read;
        }
    }

    private static async Task ReplyAsync(NetworkStream stream, ControlResponse response, CancellationToken stopping)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response, ControlJsonContext.Default.ControlResponse);
        await stream.WriteAsync(bytes, stopping).ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), stopping).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "All {MaxConnections} control connections were taken: the one idle longest was closed to admit a new one")]
    private static partial void LogDropped(ILogger logger, int maxConnections);

    [LoggerMessage(Level = LogLevel.Error, Message = "Control command {Command} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string command);
}
