using EdgeGateway.Hj212.Codes;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// The gateway as a data logger (数采仪) towards one HJ 212 platform: dials it as a TCP client and keeps re-dialling
/// with capped exponential back-off; uploads what the outbox owes the platform's own destination
/// (<see cref="Destination"/>), acknowledging a record for this platform only once the platform confirmed it (9014;
/// on write when <see cref="PlatformOptions.RepliesWanted"/> is off); answers the platform's requests on the same
/// connection. Every link runs on its own tasks and holds no lock another link waits for, so a platform that is down
/// or silent delays no other platform and no other part of the gateway. See docs/hj212-uplink.md, "The session".
/// </summary>
/// <remarks>
/// Announces <see cref="GatewayEventKind.PlatformLost"/> once when the platform is lost (or cannot be reached after
/// the start) and <see cref="GatewayEventKind.PlatformRestored"/> once it answers again; not per dial attempt.
/// </remarks>
public sealed class PlatformLink : IAsyncDisposable
{
    private readonly PlatformLinkContext _context;
    private readonly PlatformRequestHandler _requests;
    private readonly PlatformNotifications _notifications;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _running;
    private int _restartOwed;
    private bool _connected;
    private DateTimeOffset? _connectedSince;
    private string? _notConnectedReason = "not started";
    private bool _lostAnnounced;
    private int _disposed;

    public PlatformLink(PlatformOptions options, PlatformLinkDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dependencies);
        _context = new PlatformLinkContext(options, dependencies, LoadIdentity(options, dependencies));
        _context.Heard = OnHeard;
        _requests = new PlatformRequestHandler(_context);
        _notifications = new PlatformNotifications(_context);
        _restartOwed = options.Uploads.HasFlag(PlatformUploads.Restart) ? 1 : 0;
    }

    public PlatformOptions Options => _context.Options;

    /// <summary>The platform's outbox destination, <see cref="PlatformDestinations.Of"/> its name.</summary>
    public string Destination => _context.Destination;

    /// <summary>A snapshot for <c>egw platforms</c> and the status page.</summary>
    public PlatformStatus Status
    {
        get
        {
            var options = _context.Options;
            var counters = _context.Counters;
            var backlog = ReadBacklog();
            var lastCommand = _context.LastHostCommand;
            lock (_gate)
            {
                return new PlatformStatus
                {
                    Name = options.Name,
                    Address = options.Address,
                    Edition = options.Edition == Hj212Edition.Edition2025 ? "2025" : "2017",
                    Enabled = options.Enabled,
                    Connected = _connected,
                    NotConnectedReason = _connected ? null : _notConnectedReason,
                    ConnectedSince = _connectedSince,
                    LastReplyAt = _context.LastHeardAt,
                    PacketsSent = counters[PlatformLinkCounter.PacketsSent],
                    Resends = counters[PlatformLinkCounter.Resends],
                    Unanswered = counters[PlatformLinkCounter.Unanswered],
                    BacklogResent = counters[PlatformLinkCounter.BacklogResent],
                    BacklogRecords = backlog.UnacknowledgedCount,
                    OldestUnsentAt = backlog.OldestTimestamp,
                    BadFrames = counters[PlatformLinkCounter.BadFrames],
                    LastHostCommand = lastCommand?.Command,
                    LastHostCommandResult = lastCommand?.Result,
                    LastHostCommandAt = lastCommand?.At,
                };
            }
        }
    }

    /// <summary>Starts dialling in the background (nothing when the platform is disabled).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                throw new InvalidOperationException($"The link to platform {Options.Name} is already running.");
            }

            if (!Options.Enabled)
            {
                _notConnectedReason = "disabled in the configuration";
                _running = Task.CompletedTask;
                return;
            }

            _notConnectedReason = "dialling";
            _running = Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>Closes the connection and stops; what was not confirmed stays owed for the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? running;
        lock (_gate)
        {
            running = _running;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (running is not null)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var options = Options;
        var delay = options.ReconnectMinDelay;
        while (!stopping.IsCancellationRequested)
        {
            string reason;
            try
            {
                var connection = await _context.Dependencies.Connector.ConnectAsync(options.Host, options.Port, stopping).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    using var session = new PlatformSession(_context, connection, stopping);
                    MarkConnected(connection.RemoteAddress);
                    _context.Counters.Increment(PlatformLinkCounter.Sessions);
                    var uploader = new PlatformUploader(_context, () => Volatile.Read(ref _restartOwed) != 0, () => Volatile.Write(ref _restartOwed, 0), _notifications.SendAfterConnectAsync);
                    var timed = _notifications.RepeatsTimeCalibration ? _notifications.RepeatTimeCalibrationAsync : (Func<PlatformSession, Task>?)null;
                    reason = await session.RunAsync(uploader.RunAsync, _requests.HandleAsync, timed).ConfigureAwait(false);
                    if (session.HeardFromPlatform)
                    {
                        delay = options.ReconnectMinDelay;
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                reason = exception.Message;
            }

            if (stopping.IsCancellationRequested)
            {
                break;
            }

            MarkDown(reason, delay);
            try
            {
                await Task.Delay(delay, _context.Time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
        }

        lock (_gate)
        {
            _connected = false;
            _notConnectedReason = "stopped";
        }
    }

    private void MarkConnected(string address)
    {
        lock (_gate)
        {
            _connected = true;
            _connectedSince = _context.Time.GetUtcNow();
            _notConnectedReason = null;
        }

        PlatformLinkLog.Connected(_context.Dependencies.Logger, Options.Name, address);
    }

    private void MarkDown(string reason, TimeSpan delay)
    {
        bool wasConnected;
        bool announce;
        lock (_gate)
        {
            wasConnected = _connected;
            _connected = false;
            _connectedSince = null;
            _notConnectedReason = reason;
            announce = !_lostAnnounced;
            _lostAnnounced = true;
        }

        if (wasConnected)
        {
            PlatformLinkLog.Lost(_context.Dependencies.Logger, Options.Name, reason, delay);
        }
        else
        {
            PlatformLinkLog.DialFailed(_context.Dependencies.Logger, Options.Name, reason, delay);
        }

        if (announce)
        {
            Announce(GatewayEventKind.PlatformLost, $"platform {Options.Name} ({Options.Address}) lost: {reason}; what it is owed is kept");
        }
    }

    // The platform answers again: the outage is over (a connection alone that never answers is not).
    private void OnHeard()
    {
        lock (_gate)
        {
            if (!_lostAnnounced)
            {
                return;
            }

            _lostAnnounced = false;
        }

        Announce(GatewayEventKind.PlatformRestored, $"platform {Options.Name} ({Options.Address}) answers again; what it missed is re-sent");
    }

    private void Announce(GatewayEventKind kind, string text)
    {
        if (_context.Dependencies.Announce is not { } announce)
        {
            return;
        }

        try
        {
            announce(new GatewayEvent(_context.Time.GetUtcNow(), kind, Destination, text));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            PlatformLinkLog.AnnounceFailed(_context.Dependencies.Logger, Options.Name, kind.ToString(), exception);
        }
    }

    private OutboxBacklog ReadBacklog()
    {
        try
        {
            return _context.Dependencies.Outbox.GetBacklog(Destination);
        }
        catch (Exception exception) when (exception is ArgumentException or OutboxStorageException or ObjectDisposedException or InvalidOperationException)
        {
            return default;
        }
    }

    private static PlatformIdentity LoadIdentity(PlatformOptions options, PlatformLinkDependencies dependencies)
    {
        try
        {
            return dependencies.IdentityStore.Load(options.Name) ?? new PlatformIdentity();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            PlatformLinkLog.IdentityUnreadable(dependencies.Logger, options.Name, exception.Message);
            return new PlatformIdentity();
        }
    }
}
