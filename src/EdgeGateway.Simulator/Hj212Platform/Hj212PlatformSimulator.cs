using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// An HJ 212 platform (上位机, the host) on TCP, for the gateway's tests and demo: accepts any number of data
/// logger connections, cuts frames out of each stream, checks every packet as a strict platform would, records
/// it, answers it (9014 to uploads that want it, 9013 to notifications and heartbeats), keeps the data records
/// it received, sends host commands and waits for their exchanges, and injects faults on request.
/// Everything it records is readable at any time as a snapshot. See docs/hj212-uplink.md.
/// </summary>
public sealed partial class Hj212PlatformSimulator : IAsyncDisposable, IDisposable
{
    /// <summary>The logger's packets a platform answers with 9013: notifications and heartbeats.</summary>
    private static readonly string[] NotificationCns = ["9015", "1013", "1001", "1014"];

    /// <summary>The host commands that are notifications, answered with 9013 alone.</summary>
    private static readonly string[] HostNotificationCns = ["2012", "2022"];

    private const int JunkExcerptChars = 40;
    private const int LinuxSolSocket = 1;
    private const int LinuxSoReuseAddr = 2;

    private readonly Hj212PlatformSimulatorOptions _options;
    private readonly Hj212CpCipher? _cipher;
    private readonly Lock _gate = new();
    private readonly Lock _receiving = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Hj212PacketChecker _checker;
    private readonly Hj212QnClock _qnClock;
    private readonly List<Hj212ReceivedPacket> _received = [];
    private readonly List<Hj212SentPacket> _sent = [];
    private readonly List<Hj212PlatformProblem> _problems = [];
    private readonly List<Hj212HostExchange> _exchanges = [];
    private readonly List<Hj212PlatformConnection> _connections = [];
    private readonly HashSet<Task> _background = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _listener;
    private CancellationTokenSource? _listening;
    private string? _expectedPw;
    private long _nextConnectionId;
    private long _nextSequence;
    private bool _disposed;

    private Hj212PlatformSimulator(IPEndPoint endpoint, Hj212PlatformSimulatorOptions options)
    {
        Endpoint = endpoint;
        _options = options;
        _cipher = options.EncryptionKey is { } key ? new Hj212CpCipher(key.Span) : null;
        _expectedPw = options.ExpectedPw;
        _checker = new Hj212PacketChecker(options.Edition);
        _qnClock = new Hj212QnClock(() => options.Time.GetUtcNow().ToOffset(options.SiteOffset).DateTime);
    }

    /// <summary>Where the platform listens; for port 0 in the request, the port the system chose.</summary>
    public IPEndPoint Endpoint { get; private set; }

    /// <summary>The edition the platform speaks.</summary>
    public Hj212Edition Edition => _options.Edition;

    /// <summary>Faults injected into the platform's replies; change them at any time.</summary>
    public Hj212PlatformFaults Faults { get; } = new();

    /// <summary>The data records received, per MN: the no-gap and no-conflict checks.</summary>
    public Hj212PlatformDataStore Store { get; } = new();

    /// <summary>The PW packets must carry (null: any); a successful 1072 the simulator sent replaces it.</summary>
    public string? ExpectedPw
    {
        get
        {
            lock (_gate)
            {
                return _expectedPw;
            }
        }
    }

    /// <summary>True while new connections are accepted (see <see cref="StopListening"/>).</summary>
    public bool IsListening
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>Every frame received, in order of arrival.</summary>
    public IReadOnlyList<Hj212ReceivedPacket> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>Every packet written to a logger (replies and host commands), in order.</summary>
    public IReadOnlyList<Hj212SentPacket> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToArray();
            }
        }
    }

    /// <summary>Every rule broken, over all packets and connections, in order.</summary>
    public IReadOnlyList<Hj212PlatformProblem> Problems
    {
        get
        {
            lock (_gate)
            {
                return _problems.ToArray();
            }
        }
    }

    /// <summary>Every host command that has ended (complete, timed out or cut off), in order of ending.</summary>
    public IReadOnlyList<Hj212HostExchange> Exchanges
    {
        get
        {
            lock (_gate)
            {
                return _exchanges.ToArray();
            }
        }
    }

    /// <summary>Every connection accepted, open or closed, in order.</summary>
    public IReadOnlyList<Hj212PlatformConnectionInfo> Connections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Select(connection => connection.Snapshot()).ToArray();
            }
        }
    }

    /// <summary>Starts listening on <paramref name="listen"/>, e.g. <c>127.0.0.1:0</c>; see <see cref="TryParseEndpoint"/>.</summary>
    /// <exception cref="ArgumentException">The text is not an address and port.</exception>
    /// <exception cref="SocketException">The address cannot be listened on (in use, not local).</exception>
    public static Hj212PlatformSimulator Start(string listen, Hj212PlatformSimulatorOptions? options = null) =>
        TryParseEndpoint(listen, out var endpoint, out var error)
            ? Start(endpoint, options)
            : throw new ArgumentException(error, nameof(listen));

    /// <summary>Binds the listener now, so a failure is reported to the caller, then accepts in the background.</summary>
    /// <exception cref="SocketException">The address cannot be listened on (in use, not local).</exception>
    public static Hj212PlatformSimulator Start(IPEndPoint listen, Hj212PlatformSimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        options ??= new Hj212PlatformSimulatorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, nameof(options));
        var simulator = new Hj212PlatformSimulator(listen, options);
        try
        {
            simulator.Listen();
        }
        catch
        {
            simulator.Dispose();
            throw;
        }

        return simulator;
    }

    /// <summary>Reads <c>address:port</c> (<c>127.0.0.1:9000</c>, <c>[::1]:9000</c>, <c>0.0.0.0:9000</c>; port 0 lets the system choose).</summary>
    public static bool TryParseEndpoint(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPEndPoint? endpoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "give the address to listen on as address:port, e.g. 127.0.0.1:9000";
            return false;
        }

        if (!IPEndPoint.TryParse(text, out endpoint) || !text.Contains(':', StringComparison.Ordinal) || text.EndsWith(']'))
        {
            endpoint = null;
            error = $"'{text}' is not address:port, e.g. 127.0.0.1:9000";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The frames received with CN <paramref name="cn"/>, in order.</summary>
    public IReadOnlyList<Hj212ReceivedPacket> RecordsOf(string cn)
    {
        lock (_gate)
        {
            return _received.Where(record => record.Cn == cn).ToArray();
        }
    }

    /// <summary>The decoded packets received with CN <paramref name="cn"/>, in order.</summary>
    public IReadOnlyList<Hj212Packet> PacketsOf(string cn)
    {
        lock (_gate)
        {
            return _received.Where(record => record.Packet?.Cn == cn).Select(record => record.Packet!).ToArray();
        }
    }

    /// <summary>Waits until a frame matching <paramref name="predicate"/> has been received (perhaps already) and returns the first.</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>; the message lists what came.</exception>
    public async Task<Hj212ReceivedPacket> WaitForAsync(Func<Hj212ReceivedPacket, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        Hj212ReceivedPacket? found = null;
        if (await WaitUntilAsync(() => (found = Received.FirstOrDefault(predicate)) is not null, timeout, cancellationToken).ConfigureAwait(false))
        {
            return found!;
        }

        var received = Received;
        var seen = string.Join(", ", received.TakeLast(10).Select(record => $"{record.Cn ?? "?"} {record.Qn ?? ""}".TrimEnd()));
        throw new TimeoutException(string.Create(
            CultureInfo.InvariantCulture,
            $"no matching packet within {timeout.TotalSeconds:0.#} s; {received.Count} received{(seen.Length > 0 ? ", the last: " + seen : "")}"));
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (it is tried at once, after every packet, connection and
    /// exchange, and every 100 ms); false when <paramref name="timeout"/> of wall time passed first.
    /// </summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return true;
            }

            var left = timeout - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var poll = left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100);
            await Task.WhenAny(changed, Task.Delay(poll, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Writes bytes as they are (junk, a frame cut in two, several frames at once) to the logger on
    /// <paramref name="connectionId"/> (default: the newest connection), to try its framing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No logger is connected.</exception>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, long? connectionId = null, CancellationToken cancellationToken = default)
    {
        var connection = Pick(connectionId, mn: null);
        await connection.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes every open logger connection (the loggers see the platform hang up); listening goes on.</summary>
    public void CloseConnections()
    {
        Hj212PlatformConnection[] open;
        lock (_gate)
        {
            open = _connections.Where(connection => connection.IsOpen).ToArray();
        }

        foreach (var connection in open)
        {
            connection.Close();
        }
    }

    /// <summary>Closes the connection <paramref name="connectionId"/>; nothing happens when it is closed already.</summary>
    public void CloseConnection(long connectionId)
    {
        Hj212PlatformConnection? connection;
        lock (_gate)
        {
            connection = _connections.FirstOrDefault(candidate => candidate.Id == connectionId);
        }

        connection?.Close();
    }

    /// <summary>
    /// Stops listening, so new connections are refused, as when the platform is down; with
    /// <paramref name="closeConnections"/> the open ones are closed too. <see cref="ResumeListening"/> comes back
    /// on the same port.
    /// </summary>
    public void StopListening(bool closeConnections = true)
    {
        Socket? listener;
        CancellationTokenSource? listening;
        lock (_gate)
        {
            listener = _listener;
            listening = _listening;
            _listener = null;
            _listening = null;
        }

        listening?.Cancel();
        listener?.Dispose();
        listening?.Dispose();
        if (closeConnections)
        {
            CloseConnections();
        }

        Signal();
    }

    /// <summary>Listens again on <see cref="Endpoint"/> after <see cref="StopListening"/>.</summary>
    /// <exception cref="SocketException">The port was taken meanwhile.</exception>
    public void ResumeListening()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        if (!IsListening)
        {
            Listen();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Hj212PlatformConnection[] connections;
        Task[] background;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stop.Cancel();
        StopListening(closeConnections: true);
        lock (_gate)
        {
            connections = _connections.ToArray();
            background = _background.ToArray();
        }

        try
        {
            await Task.WhenAll(background).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A writer stuck on a full socket buffer; the sockets are closed, it ends on its own.
        }

        foreach (var connection in connections)
        {
            connection.Dispose();
        }

        _stop.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Listen()
    {
        var listener = new Socket(Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // Coming back after StopListening must not wait for the closed connections' TIME_WAIT. Plain
                // SO_REUSEADDR only: .NET's ReuseAddress adds SO_REUSEPORT on Linux, which would let a second
                // platform bind the same port unnoticed instead of failing with "address already in use".
                listener.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddr, BitConverter.GetBytes(1));
            }

            listener.Bind(Endpoint);
            listener.Listen(backlog: 64);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var listening = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        lock (_gate)
        {
            Endpoint = (IPEndPoint)listener.LocalEndPoint!;
            _listener = listener;
            _listening = listening;
        }

        // The token is taken now: a StopListening right after this start may dispose its source before the loop runs.
        var token = listening.Token;
        RunInBackground(() => AcceptAsync(listener, token));
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            Hj212PlatformConnection connection;
            lock (_gate)
            {
                connection = new Hj212PlatformConnection(++_nextConnectionId, socket, _options.Time.GetUtcNow(), _stop.Token);
                _connections.Add(connection);
            }

            Signal();
            RunInBackground(() => ReadAsync(connection));
            foreach (var scheduled in _options.Schedule)
            {
                RunInBackground(() => RunScheduleAsync(connection, scheduled));
            }
        }
    }

    private void RecordJunk(Hj212PlatformConnection connection, ReadOnlySpan<byte> junk)
    {
        var text = Encoding.UTF8.GetString(junk.Length > JunkExcerptChars ? junk[..JunkExcerptChars] : junk)
            .Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
        var problem = new Hj212PlatformProblem(
            connection.Id,
            _options.Time.GetUtcNow(),
            Sequence: null,
            Cn: null,
            Qn: null,
            $"{junk.Length} bytes outside ##…CRLF skipped: '{text}{(junk.Length > JunkExcerptChars ? "…" : "")}'");
        lock (_gate)
        {
            _problems.Add(problem);
        }

        Signal();
    }

    private void AddProblem(Hj212PlatformConnection connection, Hj212ReceivedPacket record, string text)
    {
        lock (_gate)
        {
            _problems.Add(new Hj212PlatformProblem(connection.Id, _options.Time.GetUtcNow(), record.Sequence, record.Cn, record.Qn, text));
        }

        Signal();
    }

    private void RunInBackground(Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            catch (Exception e)
            {
                // A bug of the simulator, not of the logger: shown with the logger's problems so a test sees it.
                lock (_gate)
                {
                    _problems.Add(new Hj212PlatformProblem(0, _options.Time.GetUtcNow(), null, null, null, $"simulator failure: {e}"));
                }

                Signal();
            }
        });
        lock (_gate)
        {
            _background.Add(task);
        }

        task.ContinueWith(
            finished =>
            {
                lock (_gate)
                {
                    _background.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
