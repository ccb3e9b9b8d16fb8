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
/// <summary>The host side of exchanges: commands and notifications sent to a logger, their replies awaited, the schedule.</summary>
public sealed partial class Hj212PlatformSimulator
{
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
}
