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
public sealed class Hj212PlatformSimulator : IAsyncDisposable, IDisposable
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
    /// A host command addressed to the logger on <paramref name="connectionId"/> (default: the newest open
    /// connection): a new QN, the logger's own ST, PW and MN as it last sent them (or the expected ones), and Flag
    /// with A set. Change it with <c>with</c> to send something wrong on purpose.
    /// </summary>
    /// <exception cref="InvalidOperationException">No logger is connected, or none has said its MN and none is expected.</exception>
    public Hj212Packet CreateCommand(string cn, Hj212DataArea? cp = null, long? connectionId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(cn);
        var connection = Pick(connectionId, mn: null);
        return CreateCommand(connection, cn, cp);
    }

    /// <summary>Sends request <paramref name="cn"/> to the logger with MN <paramref name="mn"/> (default: the newest connection) and waits for its exchange.</summary>
    /// <exception cref="InvalidOperationException">No such logger is connected.</exception>
    public Task<Hj212HostExchange> SendRequestAsync(string cn, Hj212DataArea? cp = null, string? mn = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cn);
        var connection = Pick(connectionId: null, mn);
        return ExchangeAsync(connection, CreateCommand(connection, cn, cp), isNotification: false, timeout, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> (to <paramref name="connectionId"/>, or the newest connection of its MN,
    /// or the newest connection) and waits for the 9011, the data packets and the 9012. The data packets are
    /// answered with 9014 when their Flag asks, one by one as HJ 212 C.48 wants. Never throws for a silent
    /// logger: the exchange says it timed out.
    /// </summary>
    /// <exception cref="InvalidOperationException">No logger is connected.</exception>
    public Task<Hj212HostExchange> SendRequestAsync(Hj212Packet request, long? connectionId = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExchangeAsync(Pick(connectionId, request.Mn), request, isNotification: false, timeout, cancellationToken);
    }

    /// <summary>Sends notification <paramref name="cn"/> (2012 or 2022) and waits for the logger's 9013.</summary>
    /// <exception cref="InvalidOperationException">No such logger is connected.</exception>
    public Task<Hj212HostExchange> SendNotificationAsync(string cn, Hj212DataArea? cp = null, string? mn = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cn);
        var connection = Pick(connectionId: null, mn);
        return ExchangeAsync(connection, CreateCommand(connection, cn, cp), isNotification: true, timeout, cancellationToken);
    }

    /// <summary>Sends <paramref name="notification"/> and waits for the logger's 9013.</summary>
    /// <exception cref="InvalidOperationException">No logger is connected.</exception>
    public Task<Hj212HostExchange> SendNotificationAsync(Hj212Packet notification, long? connectionId = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return ExchangeAsync(Pick(connectionId, notification.Mn), notification, isNotification: true, timeout, cancellationToken);
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

        RunInBackground(() => AcceptAsync(listener, listening.Token));
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

    private async Task ReadAsync(Hj212PlatformConnection connection)
    {
        var buffer = new byte[(2 * _options.MaxFrameBytes) + 4096];
        var count = 0;
        try
        {
            while (true)
            {
                var read = await connection.Stream.ReadAsync(buffer.AsMemory(count), connection.Closing).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                count += read;
                var position = 0;
                while (position < count)
                {
                    var search = Hj212StreamFramer.Find(buffer.AsSpan(position, count - position), _options.MaxFrameBytes);
                    if (search.SkipBytes > 0)
                    {
                        RecordJunk(connection, buffer.AsSpan(position, search.SkipBytes));
                    }

                    position += search.SkipBytes;
                    if (!search.Found)
                    {
                        break;
                    }

                    var frame = buffer.AsMemory(position, search.FrameLength).ToArray();
                    position += search.FrameLength;
                    await ProcessAsync(connection, frame).ConfigureAwait(false);
                }

                buffer.AsSpan(position, count - position).CopyTo(buffer);
                count -= position;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The logger hung up, the test closed the connection, or the simulator stops.
        }
        finally
        {
            if (connection.MarkClosed(_options.Time.GetUtcNow()))
            {
                _checker.Forget(connection.Id);
                connection.Close();
                Signal();
            }
        }
    }

    private async Task ProcessAsync(Hj212PlatformConnection connection, byte[] frame)
    {
        var plain = _options.DecryptFrame is { } decrypt ? decrypt(frame)
            : _cipher is not null && _cipher.TryDecryptFrame(frame, out var decrypted, out _) ? decrypted
            : frame;
        var decoded = Hj212FrameDecoder.Decode(plain.Span);
        var check = _checker.Check(connection.Id, decoded, _options.ExpectedMn, ExpectedPw);
        var arrivedAt = _options.Time.GetUtcNow();
        Hj212ReceivedPacket record;
        lock (_gate)
        {
            record = new Hj212ReceivedPacket
            {
                Sequence = ++_nextSequence,
                ConnectionId = connection.Id,
                ArrivedAt = arrivedAt,
                Raw = Encoding.UTF8.GetString(frame),
                Packet = decoded.Packet,
                UncheckedPacket = decoded.UncheckedPacket,
                DecodeError = decoded.Error,
                HeaderOrder = check.HeaderOrder,
                Rf = check.Rf,
                IsRepeat = check.IsRepeat,
                Problems = check.Problems,
            };
            _received.Add(record);
            foreach (var problem in check.Problems)
            {
                _problems.Add(new Hj212PlatformProblem(connection.Id, arrivedAt, record.Sequence, record.Cn, record.Qn, problem));
            }
        }

        var packet = decoded.Packet;
        connection.Saw(packet?.Mn, packet?.St, packet?.Pw);
        if (packet is not null)
        {
            Store.Add(packet, check.IsRepeat);
        }

        _options.OnReceived?.Invoke(record);
        Signal();
        if (packet is not null)
        {
            await AnswerAsync(connection, record, packet).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(Hj212PlatformConnection connection, Hj212ReceivedPacket record, Hj212Packet packet)
    {
        var taken = false;
        foreach (var pending in connection.Pending())
        {
            if (pending.Offer(packet))
            {
                taken = true;
                break;
            }
        }

        if (packet.Cn is "9011" or "9012" or "9013" or "9014")
        {
            if (!taken)
            {
                AddProblem(connection, record, packet.Cn == "9014"
                    ? "9014 from the logger, but the platform sent nothing that wants one"
                    : $"{packet.Cn} answers QN {packet.Qn}, which no host command of this platform is waiting for");
            }

            return;
        }

        Hj212Packet? reply = null;
        if (NotificationCns.Contains(packet.Cn, StringComparer.Ordinal))
        {
            reply = Hj212Replies.NotificationAnswer(packet, _options.Edition);
        }
        else if (packet.Flag is { AcknowledgementRequired: true })
        {
            reply = Hj212Replies.DataAnswer(packet, _options.Edition);
        }

        if (reply is not null)
        {
            await ReplyAsync(connection, record, reply).ConfigureAwait(false);
        }

        if (packet.Cn == "1013" && _options.SetTimeAfterCalibrationRequest)
        {
            var siteNow = _options.Time.GetUtcNow().ToOffset(_options.SiteOffset).DateTime;
            var cp = new Hj212DataAreaBuilder();
            if (packet.Cp.GetValue(Hj212FieldNames.PolId) is { } polId)
            {
                cp.AddItem(Hj212FieldNames.PolId, polId);
            }

            cp.AddItem(Hj212FieldNames.SystemTime, Hj212Time.Format(siteNow));
            var setTime = CreateCommand(connection, "1012", cp.Build());
            RunInBackground(() => ExchangeAsync(connection, setTime, isNotification: false, timeout: null, _stop.Token));
        }
    }

    private async Task ReplyAsync(Hj212PlatformConnection connection, Hj212ReceivedPacket record, Hj212Packet reply)
    {
        var fate = Faults.Decide(record.Cn!);
        if (fate.Drop)
        {
            return;
        }

        if (fate.WrongQn)
        {
            var qn = _qnClock.Next();
            reply = reply with { Qn = qn == reply.Qn ? _qnClock.Next() : qn };
        }

        if (fate.Delay > TimeSpan.Zero)
        {
            RunInBackground(async () =>
            {
                await Task.Delay(fate.Delay, _options.Time, connection.Closing).ConfigureAwait(false);
                await SendAsync(connection, reply, record.Sequence, CancellationToken.None).ConfigureAwait(false);
            });
            return;
        }

        await SendAsync(connection, reply, record.Sequence, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Writes a packet; false when the connection is gone (a reply to a logger that hung up is no error).</summary>
    private async Task<bool> SendAsync(Hj212PlatformConnection connection, Hj212Packet packet, long? inReplyTo, CancellationToken cancellationToken)
    {
        var frame = Hj212FrameEncoder.EncodeToUtf8(packet);
        // Recorded before the write, so a test that has read the frame finds it in Sent; taken back if the write fails.
        var sent = new Hj212SentPacket(connection.Id, _options.Time.GetUtcNow(), packet, inReplyTo);
        lock (_gate)
        {
            _sent.Add(sent);
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Closing);
            await connection.WriteAsync(frame, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            lock (_gate)
            {
                _sent.Remove(sent);
            }

            return false;
        }

        Signal();
        return true;
    }

    private async Task<Hj212HostExchange> ExchangeAsync(
        Hj212PlatformConnection connection,
        Hj212Packet request,
        bool isNotification,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var idleLimit = timeout ?? _options.RequestTimeout;
        var pending = new Hj212PendingExchange(connection.Id, request, isNotification, _options.Time);
        connection.AddPending(pending);
        var sentAt = _options.Time.GetUtcNow();
        var timedOut = false;
        try
        {
            if (await SendAsync(connection, request, inReplyTo: null, cancellationToken).ConfigureAwait(false))
            {
                pending.MarkSent();
                while (!pending.Ended.IsCompleted)
                {
                    var left = idleLimit - pending.Idle;
                    if (left <= TimeSpan.Zero)
                    {
                        timedOut = true;
                        break;
                    }

                    await Task.WhenAny(pending.Ended, pending.NextActivity, Task.Delay(left, _options.Time, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                pending.LoseConnection();
            }
        }
        finally
        {
            connection.RemovePending(pending);
        }

        var exchange = pending.Snapshot(sentAt, _options.Time.GetUtcNow(), timedOut);
        if (request.Cn == "1072" && exchange.ExeRtn == 1 && request.Cp.GetValue(Hj212FieldNames.NewPw) is { } newPw)
        {
            connection.PasswordChanged(newPw);
            lock (_gate)
            {
                _expectedPw = _expectedPw is null ? null : newPw;
            }
        }

        lock (_gate)
        {
            _exchanges.Add(exchange);
        }

        Signal();
        return exchange;
    }

    private async Task RunScheduleAsync(Hj212PlatformConnection connection, Hj212ScheduledCommand scheduled)
    {
        try
        {
            await Task.Delay(scheduled.Delay, _options.Time, connection.Closing).ConfigureAwait(false);
            while (connection.IsOpen)
            {
                var command = CreateCommand(connection, scheduled.Cn, scheduled.Cp);
                var isNotification = HostNotificationCns.Contains(scheduled.Cn, StringComparer.Ordinal);
                await ExchangeAsync(connection, command, isNotification, timeout: null, connection.Closing).ConfigureAwait(false);
                if (scheduled.Interval is not { } interval)
                {
                    return;
                }

                await Task.Delay(interval, _options.Time, connection.Closing).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection closed or the simulator stops.
        }
        catch (InvalidOperationException)
        {
            // The logger never said its MN and none is expected: nothing to address the command to.
        }
    }

    private Hj212Packet CreateCommand(Hj212PlatformConnection connection, string cn, Hj212DataArea? cp)
    {
        var mn = connection.Mn ?? _options.ExpectedMn
            ?? throw new InvalidOperationException($"logger connection {connection.Id} has sent no packet yet and no MN is expected: give the command's MN");
        return new Hj212Packet
        {
            Qn = _qnClock.Next(),
            St = connection.St ?? _options.SystemCode,
            Cn = cn,
            Pw = connection.Pw ?? ExpectedPw ?? "123456",
            Mn = mn,
            Flag = Hj212Flag.Create(_options.Edition, acknowledgementRequired: true),
            Cp = cp ?? Hj212DataArea.Empty,
        };
    }

    private Hj212PlatformConnection Pick(long? connectionId, string? mn)
    {
        lock (_gate)
        {
            if (connectionId is { } id)
            {
                return _connections.FirstOrDefault(connection => connection.Id == id && connection.IsOpen)
                    ?? throw new InvalidOperationException($"logger connection {id} is not open");
            }

            var open = _connections.Where(connection => connection.IsOpen).ToArray();
            return open.LastOrDefault(connection => mn is not null && connection.Mn == mn)
                ?? open.LastOrDefault()
                ?? throw new InvalidOperationException("no logger is connected");
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
