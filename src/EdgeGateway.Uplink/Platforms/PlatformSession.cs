using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// One connected stretch of a platform link: reads and frames what the platform sends (replies complete the exchange
/// waiting for their QN; requests go to the request handler), writes whole frames one at a time, and runs the
/// uploads and the host requests on their own tasks, so a history request waiting for its 9014s never stops live
/// uploads. Any part failing (connection closed or broken, an exchange unanswered after ReCount re-sends) ends the
/// whole session; the link then re-dials.
/// </summary>
internal sealed class PlatformSession : IDisposable
{
    private const int ReceiveBufferBytes = 16 * 1024;
    private const int QueuedRequests = 32;

    private readonly PlatformLinkContext _context;
    private readonly IPlatformConnection _connection;
    private readonly CancellationTokenSource _ending;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _awaitingReply = new(StringComparer.Ordinal);
    private readonly Channel<PlatformInbound> _requests = Channel.CreateBounded<PlatformInbound>(
        new BoundedChannelOptions(QueuedRequests) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true });

    private string? _failure;
    private long _overTimeTicks;
    private int _reCount;

    public PlatformSession(PlatformLinkContext context, IPlatformConnection connection, CancellationToken stopping)
    {
        _context = context;
        _connection = connection;
        _ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _overTimeTicks = context.Options.OverTime.Ticks;
        _reCount = context.Options.ReCount;
    }

    /// <summary>Cancelled when the session ends, for whatever reason.</summary>
    public CancellationToken Ending => _ending.Token;

    public string RemoteAddress => _connection.RemoteAddress;

    /// <summary>How long an exchange waits for its reply (the platform's OverTime, or what a 1000 set for this connection).</summary>
    public TimeSpan OverTime => TimeSpan.FromTicks(Interlocked.Read(ref _overTimeTicks));

    /// <summary>How many identical re-sends an unanswered packet gets.</summary>
    public int ReCount => Volatile.Read(ref _reCount);

    /// <summary>Whether the platform sent anything during this session (the re-dial back-off starts over only then).</summary>
    public bool HeardFromPlatform { get; private set; }

    /// <summary>1000: OverTime and ReCount for the rest of this connection.</summary>
    public void SetTimeouts(TimeSpan overTime, int reCount)
    {
        Interlocked.Exchange(ref _overTimeTicks, overTime.Ticks);
        Volatile.Write(ref _reCount, reCount);
    }

    /// <summary>Ends the session with <paramref name="reason"/> (the first reason given is kept).</summary>
    public void Fail(string reason)
    {
        Interlocked.CompareExchange(ref _failure, reason, null);
        try
        {
            _ending.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Ended already.
        }
    }

    /// <summary>
    /// Runs until the session ends; returns why it ended. <paramref name="timed"/>, when given, runs beside the uploads
    /// for the whole session (the repeated 1013); like every part, its end ends the session.
    /// </summary>
    public async Task<string> RunAsync(
        Func<PlatformSession, Task> uploads,
        Func<PlatformSession, PlatformInbound, Task> handleRequest,
        Func<PlatformSession, Task>? timed = null)
    {
        var tasks = new List<Task>
        {
            Task.Run(() => GuardAsync(ReadAsync)),
            Task.Run(() => GuardAsync(() => ServeRequestsAsync(handleRequest))),
            Task.Run(() => GuardAsync(() => uploads(this))),
        };
        if (timed is not null)
        {
            tasks.Add(Task.Run(() => GuardAsync(() => timed(this))));
        }

        await Task.WhenAny(tasks).ConfigureAwait(false);
        Fail("stopped");
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return _failure ?? "stopped";
    }

    /// <summary>Writes one frame; a broken connection ends the session (and throws <see cref="OperationCanceledException"/>).</summary>
    public async Task SendAsync(byte[] frame, bool resend = false)
    {
        await _writeGate.WaitAsync(Ending).ConfigureAwait(false);
        try
        {
            await _connection.SendAsync(Encrypted(frame), Ending).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            Fail("sending failed: " + exception.Message);
            throw new OperationCanceledException(Ending);
        }
        finally
        {
            _writeGate.Release();
        }

        _context.Counters.Increment(resend ? PlatformLinkCounter.Resends : PlatformLinkCounter.PacketsSent);
    }

    /// <summary>
    /// Sends a packet; with <paramref name="replyWanted"/>, waits up to <see cref="OverTime"/> for the 9014 (or 9013)
    /// echoing <paramref name="qn"/> and re-sends the identical frame up to <see cref="ReCount"/> times. False when
    /// none came: the exchange is given up and counted; the caller ends the session.
    /// </summary>
    public async Task<bool> ExchangeAsync(byte[] frame, string qn, bool replyWanted)
    {
        if (!replyWanted)
        {
            await SendAsync(frame).ConfigureAwait(false);
            return true;
        }

        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaitingReply[qn] = reply;
        try
        {
            for (var attempt = 0; attempt <= ReCount; attempt++)
            {
                await SendAsync(frame, resend: attempt > 0).ConfigureAwait(false);
                try
                {
                    await reply.Task.WaitAsync(OverTime, _context.Time, Ending).ConfigureAwait(false);
                    return true;
                }
                catch (TimeoutException)
                {
                    // Not answered within OverTime: the same frame, same QN, again.
                }
            }

            _context.Counters.Increment(PlatformLinkCounter.Unanswered);
            return false;
        }
        finally
        {
            _awaitingReply.TryRemove(qn, out _);
        }
    }

    public void Dispose()
    {
        _ending.Dispose();
        _writeGate.Dispose();
    }

    private async Task GuardAsync(Func<Task> part)
    {
        try
        {
            await part().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Ending.IsCancellationRequested)
        {
            // The session ends; the reason is set.
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            Fail(exception.Message);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            PlatformLinkLog.Failed(_context.Dependencies.Logger, _context.Options.Name, exception);
            Fail("internal error: " + exception.Message);
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[ReceiveBufferBytes];
        var filled = 0;
        while (true)
        {
            var read = await _connection.ReceiveAsync(buffer.AsMemory(filled), Ending).ConfigureAwait(false);
            if (read == 0)
            {
                Fail("the platform closed the connection");
                return;
            }

            filled += read;
            var consumed = 0;
            while (true)
            {
                var search = Hj212StreamFramer.Find(buffer.AsSpan(consumed, filled - consumed), ReceiveBufferBytes / 2);
                if (!search.Found)
                {
                    // Bytes outside ##…CR LF are dropped; an unfinished frame stays for the next read.
                    consumed += search.SkipBytes;
                    break;
                }

                OnFrame(buffer.AsSpan(consumed + search.SkipBytes, search.FrameLength));
                consumed += search.ConsumedBytes;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
    }

    /// <summary>
    /// The frame as it goes on the wire: on a 2025 platform with a key, the CP of CN 2000-2999, 1014 and 3020
    /// encrypted (HJ 212-2025 §6.4.4), the CRC still of the plain text. The identical plain frame encrypts to the
    /// identical bytes (ECB), so a re-send stays identical.
    /// </summary>
    private byte[] Encrypted(byte[] frame) =>
        _context.Cipher is { } cipher && PlatformFrames.CommandOf(frame) is { } cn && Hj212CpCipher.IsEncryptedCommand(cn)
            ? cipher.EncryptFrame(frame)
            : frame;

    private void OnFrame(ReadOnlySpan<byte> received)
    {
        // A platform may encrypt what it sends as well; a plain frame passes as it is.
        var frame = _context.Cipher is { } cipher && cipher.TryDecryptFrame(received, out var plain, out _) ? plain : received;
        var result = Hj212FrameDecoder.Decode(frame);
        if (!result.IsSuccess)
        {
            _context.Counters.Increment(PlatformLinkCounter.BadFrames);
            PlatformLinkLog.BadFrame(_context.Dependencies.Logger, _context.Options.Name, result.Reason);
            if (result.Error == Hj212DecodeError.CrcMismatch && result.UncheckedPacket is { Qn: not null } suspect && !IsReply(suspect))
            {
                Enqueue(new PlatformInbound(suspect, CrcFailed: true));
            }

            return;
        }

        HeardFromPlatform = true;
        _context.MarkHeard();
        var packet = result.Packet;
        if (packet.IsCommand(Hj212CommandCode.DataAnswer) || packet.IsCommand(Hj212CommandCode.NotificationAnswer))
        {
            // Only the exchange waiting for this very QN is answered (a 9014 for another QN acknowledges nothing).
            if (packet.Qn is not null && _awaitingReply.TryGetValue(packet.Qn, out var waiting))
            {
                waiting.TrySetResult();
            }

            return;
        }

        if (!IsReply(packet))
        {
            Enqueue(new PlatformInbound(packet, CrcFailed: false));
        }
    }

    private void Enqueue(PlatformInbound inbound)
    {
        if (!_requests.Writer.TryWrite(inbound))
        {
            PlatformLinkLog.RequestDropped(_context.Dependencies.Logger, _context.Options.Name, inbound.Packet.Cn);
        }
    }

    private async Task ServeRequestsAsync(Func<PlatformSession, PlatformInbound, Task> handleRequest)
    {
        await foreach (var inbound in _requests.Reader.ReadAllAsync(Ending).ConfigureAwait(false))
        {
            await handleRequest(this, inbound).ConfigureAwait(false);
        }
    }

    private static bool IsReply(Hj212Packet packet) =>
        packet.IsCommand(Hj212CommandCode.RequestAnswer)
        || packet.IsCommand(Hj212CommandCode.ExecutionResult)
        || packet.IsCommand(Hj212CommandCode.NotificationAnswer)
        || packet.IsCommand(Hj212CommandCode.DataAnswer);
}
