using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// The gateway's MQTT connection to the platform's broker, on MQTTnet 5 (which has no managed client): a
/// background loop connects and reconnects with exponential back-off and jitter, checks the CONNACK (a refusal
/// is reported, not thrown), re-subscribes the command topics and publishes the retained birth after every
/// connect. <see cref="PublishAsync"/> bounds the QoS 1 publishes awaiting a PUBACK and reports every expected
/// failure as a <see cref="PublishOutcome"/>, so its caller advances the outbox cursor only on success.
/// </summary>
/// <remarks>
/// Nothing is retransmitted after a reconnect (MQTTnet keeps no outbound session): a publish that failed is the
/// caller's to repeat, from its durable outbox.
/// </remarks>
public sealed class MqttLink : IAsyncDisposable
{
    // A lost connection that had lasted at least this long is reconnected at once with the back-off reset;
    // a shorter one (a broker that drops us right after CONNACK, a client id taken over) backs off as a failure would.
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(10);

    // How often the loop looks at a connection it believes up, in case MQTTnet's Disconnected signal was missed.
    private static readonly TimeSpan ConnectionCheckInterval = TimeSpan.FromSeconds(1);

    // MQTTnet refuses ConnectAsync while its own teardown of the last connection is still running.
    private static readonly TimeSpan PendingDisconnectRetry = TimeSpan.FromMilliseconds(50);

    // The explicit "offline" before a clean disconnect must not hold a shutdown for a full publish timeout.
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(5);

    private readonly MqttLinkOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly MqttClientOptionsFactory _clientOptions;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _disconnectSignal = new(0);
    private readonly List<MqttCommandRoute> _commandRoutes = [];
    private readonly Lock _stateLock = new();
    private readonly DateTimeOffset _startedAt;

    private volatile PublishWindow _window;
    private volatile MqttClientDisconnectedEventArgs? _lastDisconnect;
    private MqttLinkState _state = MqttLinkState.Idle;
    private string? _problem;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _disposed;

    private long _connects;
    private long _connectFailures;
    private long _refusals;
    private long _disconnects;
    private long _publishes;
    private long _acknowledged;
    private long _failedDisconnected;
    private long _failedTimedOut;
    private long _failedRejected;
    private long _commandsReceived;
    private long _commandsIgnored;
    private long _repliesSent;

    /// <summary>Creates the link; nothing connects until <see cref="Start"/>.</summary>
    /// <exception cref="InvalidMqttLinkOptionsException">Listing every problem with <paramref name="options"/>.</exception>
    public MqttLink(MqttLinkOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        MqttLinkOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _startedAt = options.StartedAt ?? _time.GetUtcNow();
        Broker = MqttBrokerEndpoint.From(options);
        TopicRoot = options.EffectiveTopicRoot;
        StatusTopic = options.EffectiveStatusTopic;
        _clientOptions = new MqttClientOptionsFactory(options, Broker);
        _window = new PublishWindow(options.MaxInFlight);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnClientDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
    }

    /// <summary>
    /// Raised on every state change, synchronously from the connect loop: keep handlers short. A refusal carries
    /// the broker's reason and what to check.
    /// </summary>
    public event EventHandler<MqttLinkStateChangedEventArgs>? StateChanged;

    /// <summary>
    /// Raised, synchronously on the receive path, for a command that was neither run nor answered: a retained message,
    /// or one whose response topic is refused (<see cref="MqttCommandIgnoredReason"/>). Keep handlers short.
    /// </summary>
    public event EventHandler<MqttCommandIgnoredEventArgs>? CommandIgnored;

    public MqttLinkOptions Options => _options;

    /// <summary>Where the link connects.</summary>
    public MqttBrokerEndpoint Broker { get; }

    /// <summary>The root of every topic, e.g. <c>egw/gw-01</c>.</summary>
    public string TopicRoot { get; }

    /// <summary>The retained status topic (birth "online", last will "offline").</summary>
    public string StatusTopic { get; }

    /// <summary>The conventional command filter, <c>{root}/cmd/#</c>, for <see cref="MapCommands"/>.</summary>
    public string CommandTopicFilter => TopicRoot + "/cmd/#";

    /// <summary>Replies go only below this topic (<c>{root}/reply</c> unless configured): never a data or <c>$</c> topic.</summary>
    public string ReplyTopicRoot => _options.EffectiveReplyTopicRoot;

    /// <summary>True while connected with commands subscribed and the birth published.</summary>
    public bool IsConnected => State == MqttLinkState.Connected && _client.IsConnected;

    public MqttLinkState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>Why the link is not connected, in words; null while connected.</summary>
    public string? Problem
    {
        get
        {
            lock (_stateLock)
            {
                return _problem;
            }
        }
    }

    /// <summary>QoS 1/2 publishes awaiting acknowledgement now.</summary>
    public int InFlight => _window.InFlight;

    /// <summary>The in-flight window of the current connection: MaxInFlight, or the broker's Receive Maximum if smaller.</summary>
    public int InFlightLimit => _window.Size;

    public MqttLinkStatistics Statistics => new()
    {
        Connects = Interlocked.Read(ref _connects),
        ConnectFailures = Interlocked.Read(ref _connectFailures),
        Refusals = Interlocked.Read(ref _refusals),
        Disconnects = Interlocked.Read(ref _disconnects),
        Publishes = Interlocked.Read(ref _publishes),
        Acknowledged = Interlocked.Read(ref _acknowledged),
        FailedDisconnected = Interlocked.Read(ref _failedDisconnected),
        FailedTimedOut = Interlocked.Read(ref _failedTimedOut),
        FailedRejected = Interlocked.Read(ref _failedRejected),
        CommandsReceived = Interlocked.Read(ref _commandsReceived),
        CommandsIgnored = Interlocked.Read(ref _commandsIgnored),
        RepliesSent = Interlocked.Read(ref _repliesSent),
    };

    /// <summary>
    /// Routes commands on <paramref name="topicFilter"/> (e.g. <see cref="CommandTopicFilter"/>) to
    /// <paramref name="handler"/>; subscribed at QoS 1 after every connect. Call before <see cref="Start"/>.
    /// The first mapped filter that matches a topic handles it.
    /// </summary>
    public void MapCommands(string topicFilter, MqttCommandHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("Map commands before Start: the subscriptions are made on connect.");
        }

        if (topicFilter.StartsWith("$share/", StringComparison.Ordinal))
        {
            throw new ArgumentException("A gateway's commands are its own; a shared subscription would hand them to another gateway.", nameof(topicFilter));
        }

        _commandRoutes.Add(new MqttCommandRoute(topicFilter, handler));
    }

    /// <summary>Starts the background connect loop; returns at once.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("The link is already started.");
        }

        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Completes when the link is (or next becomes) <see cref="MqttLinkState.Connected"/>.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default)
    {
        Task connected;
        lock (_stateLock)
        {
            connected = _connected.Task;
        }

        return connected.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes one message and, for QoS 1 and 2, waits for the broker's acknowledgement, holding a slot of the
    /// in-flight window meanwhile. Expected failures are outcomes, not exceptions: not connected, connection lost
    /// before the acknowledgement, no window slot or acknowledgement within <see cref="MqttLinkOptions.PublishTimeout"/>,
    /// or a failure reason code from the broker.
    /// </summary>
    /// <param name="topic">A topic name (no wildcards).</param>
    /// <param name="payload">The body; not copied, so keep it unchanged until the task completes.</param>
    /// <param name="qualityOfService">QoS 1 unless the message may be lost.</param>
    /// <param name="retain">Whether the broker keeps it for later subscribers.</param>
    /// <param name="properties">MQTT 5 properties (correlation data, user properties…); not sent on 3.1.1.</param>
    /// <param name="cancellationToken">Cancels the wait; the outcome is then an <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">The topic is empty or contains a wildcard.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The link was disposed before the call.</exception>
    public Task<PublishOutcome> PublishAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        MqttQualityOfServiceLevel qualityOfService = MqttQualityOfServiceLevel.AtLeastOnce,
        bool retain = false,
        MqttPublishProperties? properties = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic.AsSpan().IndexOfAny("+#\0") >= 0)
        {
            throw new ArgumentException($"'{topic}' is a topic filter, not a topic: no '+', '#' or NUL in a published topic.", nameof(topic));
        }

        if (!Enum.IsDefined(qualityOfService))
        {
            throw new ArgumentOutOfRangeException(nameof(qualityOfService), qualityOfService, "QoS is 0, 1 or 2.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return PublishCoreAsync(topic, payload, qualityOfService, retain, properties, _options.PublishTimeout, cancellationToken);
    }

    /// <summary>
    /// Stops the loop, publishes the retained "offline" status (a clean disconnect suppresses the last will, so the
    /// platform would otherwise keep seeing "online"), sends DISCONNECT and releases the client.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The loop ends by cancellation.
            }
        }

        if (_client.IsConnected)
        {
            PublishOutcome offline = await PublishCoreAsync(StatusTopic, _clientOptions.OfflinePayload, MqttQualityOfServiceLevel.AtLeastOnce, retain: true,
                StatusProperties(), Min(_options.PublishTimeout, ShutdownLimit), CancellationToken.None).ConfigureAwait(false);
            try
            {
                using var limit = new CancellationTokenSource(ShutdownLimit);
                var disconnect = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
                await _client.DisconnectAsync(disconnect, limit.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsConnectionFailure(exception) || exception is OperationCanceledException)
            {
                // The connection went down first; the broker sends the will, which says the same.
            }

            MqttLinkLog.Stopped(_logger, Broker.ToString(), offline.ToString());
        }

        SetState(MqttLinkState.Stopped, null, null);
        lock (_stateLock)
        {
            _connected.TrySetException(new ObjectDisposedException(nameof(MqttLink)));
        }

        _client.DisconnectedAsync -= OnClientDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync -= OnMessageReceivedAsync;
        _client.Dispose();
        _clientOptions.Dispose();
        _stopping.Dispose();
    }

    public override string ToString() => $"MQTT link {_options.EffectiveClientId} to {Broker} ({State})";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsConnectionFailure(Exception exception) =>
        exception is MqttCommunicationException or ObjectDisposedException or IOException or SocketException or AuthenticationException;

    private async Task RunAsync(CancellationToken stopping)
    {
        TimeSpan backoff = _options.ReconnectInitialDelay;
        DateTimeOffset connectedAt = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_client.IsConnected)
                {
                    // Woken by MQTTnet's Disconnected event; the timeout is only a fallback.
                    await _disconnectSignal.WaitAsync(ConnectionCheckInterval, stopping).ConfigureAwait(false);
                    continue;
                }

                if (State == MqttLinkState.Connected)
                {
                    bool wasStable = _time.GetUtcNow() - connectedAt >= StableConnection;
                    ReportConnectionLost();
                    if (wasStable)
                    {
                        backoff = _options.ReconnectInitialDelay;
                    }
                    else
                    {
                        await BackOffAsync(backoff, stopping).ConfigureAwait(false);
                        backoff = Next(backoff);
                        continue;
                    }
                }

                ConnectAttempt attempt = await ConnectOnceAsync(stopping).ConfigureAwait(false);
                switch (attempt.Kind)
                {
                    case ConnectAttemptKind.Connected:
                        connectedAt = _time.GetUtcNow();
                        continue;
                    case ConnectAttemptKind.Pending:
                        await Task.Delay(PendingDisconnectRetry, _time, stopping).ConfigureAwait(false);
                        continue;
                }

                TimeSpan delay = Jittered(backoff);
                if (attempt.Kind == ConnectAttemptKind.Refused)
                {
                    MqttLinkLog.Refused(_logger, Broker.ToString(), _options.EffectiveClientId, attempt.Problem!, delay);
                    SetState(MqttLinkState.Refused, attempt.Problem, attempt.Refusal);
                }
                else
                {
                    MqttLinkLog.ConnectFailed(_logger, Broker.ToString(), attempt.Problem!, delay);
                    SetState(MqttLinkState.Disconnected, attempt.Problem, null);
                }

                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                backoff = Next(backoff);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A bug here must not end the uplink for good: log it loudly and go on.
                MqttLinkLog.LoopFailed(_logger, exception, backoff);
                try
                {
                    await Task.Delay(backoff, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = Next(backoff);
            }
        }
    }

    private async Task BackOffAsync(TimeSpan backoff, CancellationToken stopping)
    {
        TimeSpan delay = Jittered(backoff);
        MqttLinkLog.ConnectFailed(_logger, Broker.ToString(), "the connection dropped soon after it was made", delay);
        await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
    }

    private TimeSpan Next(TimeSpan backoff)
    {
        TimeSpan doubled = backoff * 2;
        return doubled > _options.ReconnectMaxDelay ? _options.ReconnectMaxDelay : doubled;
    }

    private TimeSpan Jittered(TimeSpan delay)
    {
        // Random.Shared is thread-safe; the spread only has to differ between gateways, not be unpredictable.
        double factor = 1 + (_options.ReconnectJitter * ((Random.Shared.NextDouble() * 2) - 1));
        TimeSpan jittered = delay * factor;
        return jittered > TimeSpan.FromMilliseconds(1) ? jittered : TimeSpan.FromMilliseconds(1);
    }

    private async Task<ConnectAttempt> ConnectOnceAsync(CancellationToken stopping)
    {
        SetState(MqttLinkState.Connecting, Problem, null);
        MqttClientOptions clientOptions;
        try
        {
            clientOptions = _clientOptions.Create();
        }
        catch (MqttLinkSetupException exception)
        {
            Interlocked.Increment(ref _connectFailures);
            return ConnectAttempt.Failed(exception.Message);
        }

        MqttClientConnectResult result;
        using (var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            attemptLimit.CancelAfter(_options.ConnectTimeout);
            try
            {
                result = await _client.ConnectAsync(clientOptions, attemptLimit.Token).ConfigureAwait(false);
            }
            catch (InvalidOperationException exception) when (!stopping.IsCancellationRequested && exception.Message.Contains("pending", StringComparison.Ordinal))
            {
                // "Not allowed to connect while connect/disconnect is pending": MQTTnet is still tearing down the
                // last connection (dotnet-notes §1). Not a failure; try again in a moment.
                return ConnectAttempt.Pending;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                throw new OperationCanceledException(stopping);
            }
            catch (Exception exception) when (attemptLimit.IsCancellationRequested)
            {
                Interlocked.Increment(ref _connectFailures);
                return ConnectAttempt.Failed($"no CONNACK within ConnectTimeout ({_options.ConnectTimeout.TotalSeconds:0.#} s): {Describe(exception)}");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _connectFailures);
                return ConnectAttempt.Failed(DescribeConnectFailure(exception));
            }
        }

        // ConnectAsync does not throw on a refusal (dotnet-notes §1): the CONNACK's code is the only sign.
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            Interlocked.Increment(ref _refusals);
            return ConnectAttempt.Refused(DescribeRefusal(result), result.ResultCode);
        }

        Interlocked.Increment(ref _connects);
        int window = _options.MaxInFlight;
        if (result.ReceiveMaximum is > 0 and var receiveMaximum && receiveMaximum < window)
        {
            // MQTT-3.3.4-7: the client must not have more unacknowledged QoS 1/2 publishes than the server's Receive
            // Maximum, and MQTTnet does not enforce it.
            MqttLinkLog.WindowLowered(_logger, Broker.ToString(), receiveMaximum, window);
            window = receiveMaximum;
        }

        _window = new PublishWindow(window);
        await SubscribeCommandsAsync(stopping).ConfigureAwait(false);
        await PublishBirthAsync(stopping).ConfigureAwait(false);
        MqttLinkLog.Connected(_logger, Broker.ToString(), _options.EffectiveClientId, result.IsSessionPresent, window);
        SetState(MqttLinkState.Connected, null, null);
        return ConnectAttempt.Connected;
    }

    private async Task SubscribeCommandsAsync(CancellationToken stopping)
    {
        if (_commandRoutes.Count == 0)
        {
            return;
        }

        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (MqttCommandRoute route in _commandRoutes)
        {
            builder.WithTopicFilter(route.TopicFilter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            limit.CancelAfter(_options.PublishTimeout);
            MqttClientSubscribeResult result = await _client.SubscribeAsync(builder.Build(), limit.Token).ConfigureAwait(false);
            foreach (MqttClientSubscribeResultItem item in result.Items)
            {
                if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
                {
                    MqttLinkLog.SubscribeFailed(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
                }
            }
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested && (IsConnectionFailure(exception) || exception is OperationCanceledException))
        {
            // The connection dropped or the broker did not answer; the loop notices and reconnects, subscribing again.
            MqttLinkLog.SubscribeFailed(_logger, string.Join(", ", _commandRoutes.Select(route => route.TopicFilter)), Describe(exception));
        }
    }

    private async Task PublishBirthAsync(CancellationToken stopping)
    {
        byte[] birth = MqttStatusPayloads.Online(_options.GatewayId, _options.SoftwareVersion, _startedAt, _time.GetUtcNow());
        PublishOutcome outcome = await PublishCoreAsync(StatusTopic, birth, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, StatusProperties(),
            _options.PublishTimeout, stopping).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            MqttLinkLog.BirthFailed(_logger, StatusTopic, outcome.ToString());
        }
    }

    private MqttPublishProperties? StatusProperties() =>
        _options.OfflinePayload is null ? new MqttPublishProperties { ContentType = MqttStatusPayloads.ContentType } : null;

    private async Task<PublishOutcome> PublishCoreAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        MqttQualityOfServiceLevel qualityOfService,
        bool retain,
        MqttPublishProperties? properties,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _publishes);
        if (!_client.IsConnected)
        {
            return Count(new PublishOutcome(PublishStatus.Disconnected, Detail: "the link is not connected"));
        }

        MqttApplicationMessage message = BuildMessage(topic, payload, qualityOfService, retain, properties);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        PublishWindow? window = null;
        try
        {
            if (qualityOfService != MqttQualityOfServiceLevel.AtMostOnce)
            {
                window = await EnterWindowAsync(deadline.Token).ConfigureAwait(false);
            }

            if (!_client.IsConnected)
            {
                return Count(new PublishOutcome(PublishStatus.Disconnected, Detail: "the connection was lost while waiting for the in-flight window"));
            }

            // The PUBACK wait ends only with this token (dotnet-notes §1), hence the deadline.
            MqttClientPublishResult result = await _client.PublishAsync(message, deadline.Token).ConfigureAwait(false);
            if (qualityOfService == MqttQualityOfServiceLevel.AtMostOnce)
            {
                return Count(new PublishOutcome(PublishStatus.Sent));
            }

            return Count(result.IsSuccess
                ? new PublishOutcome(PublishStatus.Acknowledged, result.ReasonCode)
                : new PublishOutcome(PublishStatus.Rejected, result.ReasonCode, string.IsNullOrEmpty(result.ReasonString) ? $"the broker answered {result.ReasonCode}" : result.ReasonString));
        }
        catch (Exception exception) when (exception is OperationCanceledException or MqttCommunicationTimedOutException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The publish was cancelled by its caller.", exception, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or MqttCommunicationTimedOutException)
        {
            // MQTTnet surfaces a cancelled PUBACK wait as MqttCommunicationTimedOutException (dotnet-notes §1).
            return Count(new PublishOutcome(PublishStatus.TimedOut, Detail: window is null
                ? $"no room in the in-flight window ({_window.Size}) within {timeout.TotalSeconds:0.###} s"
                : $"no acknowledgement within {timeout.TotalSeconds:0.###} s"));
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            return Count(new PublishOutcome(PublishStatus.Disconnected, Detail: Describe(exception)));
        }
        finally
        {
            window?.Release();
        }
    }

    private async Task<PublishWindow> EnterWindowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            PublishWindow window = _window;
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(window, _window))
            {
                return window;
            }

            // A reconnect replaced the window while this publish waited: the slot belongs to a dead connection.
            window.Release();
        }
    }

    private MqttApplicationMessage BuildMessage(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfServiceLevel qualityOfService, bool retain, MqttPublishProperties? properties)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(qualityOfService)
            .WithRetainFlag(retain);

        // MQTT 3.1.1 has no properties; MQTTnet would throw on them, and the 3.1.1 convention carries them in the payload.
        if (properties is not null && _options.Protocol == MqttProtocolLevel.Mqtt5)
        {
            if (properties.ContentType is not null)
            {
                builder.WithContentType(properties.ContentType);
            }

            if (properties.CorrelationData is { } correlation)
            {
                builder.WithCorrelationData(correlation.ToArray());
            }

            if (properties.ResponseTopic is not null)
            {
                builder.WithResponseTopic(properties.ResponseTopic);
            }

            if (properties.MessageExpiry is { } expiry)
            {
                builder.WithMessageExpiryInterval((uint)Math.Clamp(Math.Ceiling(expiry.TotalSeconds), 1, uint.MaxValue));
            }

            foreach (KeyValuePair<string, string> property in properties.UserProperties)
            {
                builder.WithUserProperty(property.Key, System.Text.Encoding.UTF8.GetBytes(property.Value).AsMemory());
            }
        }

        return builder.Build();
    }

    private PublishOutcome Count(PublishOutcome outcome)
    {
        switch (outcome.Status)
        {
            case PublishStatus.Acknowledged or PublishStatus.Sent:
                Interlocked.Increment(ref _acknowledged);
                break;
            case PublishStatus.Disconnected:
                Interlocked.Increment(ref _failedDisconnected);
                break;
            case PublishStatus.TimedOut:
                Interlocked.Increment(ref _failedTimedOut);
                break;
            default:
                Interlocked.Increment(ref _failedRejected);
                break;
        }

        return outcome;
    }

    private Task OnClientDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected)
        {
            _lastDisconnect = args;
            _disconnectSignal.Release();
        }

        return Task.CompletedTask;
    }

    private void ReportConnectionLost()
    {
        Interlocked.Increment(ref _disconnects);
        MqttClientDisconnectedEventArgs? args = _lastDisconnect;
        string problem = args is null
            ? "the connection was lost"
            : $"the connection was lost ({args.Reason}{(string.IsNullOrEmpty(args.ReasonString) ? string.Empty : ": " + args.ReasonString)}"
              + (args.Exception is null ? ")" : $"; {Describe(args.Exception)})");
        MqttLinkLog.ConnectionLost(_logger, Broker.ToString(), problem);
        SetState(MqttLinkState.Disconnected, problem, null);
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        MqttApplicationMessage message = args.ApplicationMessage;
        MqttCommandRoute? route = _commandRoutes.FirstOrDefault(candidate => MqttTopicFilterComparer.Compare(message.Topic, candidate.TopicFilter) == MqttTopicFilterCompareResult.IsMatch);
        if (route is null)
        {
            return;
        }

        Interlocked.Increment(ref _commandsReceived);
        string? responseTopic = string.IsNullOrEmpty(message.ResponseTopic) ? null : message.ResponseTopic;
        if (message.Retain)
        {
            // A retained command is replayed on every subscribe; only a message that arrives live is a new command.
            Ignore(message.Topic, MqttCommandIgnoredReason.Retained, responseTopic);
            return;
        }

        if (responseTopic is not null && !IsReplyTopic(responseTopic))
        {
            // Run without an answer it would be unconfirmed; answered there it could feed a data topic or a $ topic.
            Ignore(message.Topic, MqttCommandIgnoredReason.ReplyTopicRefused, responseTopic);
            return;
        }

        var request = new MqttCommandRequest
        {
            Topic = message.Topic,
            Payload = message.Payload.ToArray(),
            ResponseTopic = responseTopic,
            CorrelationData = message.CorrelationData,
            ContentType = message.ContentType,
            UserProperties = message.UserProperties?.Select(property => KeyValuePair.Create(property.Name, property.ReadValueAsString())).ToArray() ?? [],
            ReplyTopic = ReplyTopicFor(message),
        };

        MqttCommandReply? reply;
        CancellationToken stopping;
        try
        {
            stopping = _stopping.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            reply = await route.Handler(request, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            // The handler owns error replies; one that throws gets no reply rather than taking the receive path down.
            MqttLinkLog.CommandHandlerFailed(_logger, message.Topic, exception);
            return;
        }

        if (reply is null)
        {
            return;
        }

        if (request.ReplyTopic is null)
        {
            MqttLinkLog.NoReplyTopic(_logger, message.Topic, TopicRoot);
            return;
        }

        var properties = new MqttPublishProperties
        {
            ContentType = reply.ContentType,
            CorrelationData = request.CorrelationData,
            UserProperties = reply.UserProperties,
        };
        try
        {
            PublishOutcome outcome = await PublishCoreAsync(request.ReplyTopic, reply.Payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, properties,
                _options.PublishTimeout, stopping).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                Interlocked.Increment(ref _repliesSent);
            }
            else
            {
                MqttLinkLog.ReplyFailed(_logger, request.ReplyTopic, outcome.ToString());
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private string? ReplyTopicFor(MqttApplicationMessage message)
    {
        if (!string.IsNullOrEmpty(message.ResponseTopic))
        {
            return message.ResponseTopic;
        }

        // MQTT 3.1.1 convention (and MQTT 5 requesters that gave no response topic): {root}/cmd/X -> {reply root}/X.
        string commandPrefix = TopicRoot + "/cmd/";
        return message.Topic.StartsWith(commandPrefix, StringComparison.Ordinal) && message.Topic.Length > commandPrefix.Length
            ? ReplyTopicRoot + "/" + message.Topic[commandPrefix.Length..]
            : null;
    }

    // The reply root is checked at configuration (not a $ topic, not above or below a topic of the gateway's own), so
    // a topic strictly below it, without wildcards, is safe to publish to.
    private bool IsReplyTopic(string topic) =>
        topic.Length > ReplyTopicRoot.Length + 1
        && topic.StartsWith(ReplyTopicRoot + "/", StringComparison.Ordinal)
        && topic.AsSpan().IndexOfAny("+#\0") < 0;

    private void Ignore(string topic, MqttCommandIgnoredReason reason, string? responseTopic)
    {
        Interlocked.Increment(ref _commandsIgnored);
        var ignored = new MqttCommandIgnoredEventArgs(topic, reason, responseTopic, ReplyTopicRoot);
        MqttLinkLog.CommandIgnored(_logger, ignored.Description);
        try
        {
            CommandIgnored?.Invoke(this, ignored);
        }
        catch (Exception exception)
        {
            MqttLinkLog.IgnoredHandlerFailed(_logger, exception);
        }
    }

    private void SetState(MqttLinkState state, string? problem, MqttClientConnectResultCode? refusal)
    {
        MqttLinkState previous;
        lock (_stateLock)
        {
            previous = _state;
            if (previous == MqttLinkState.Stopped || (previous == state && _problem == problem))
            {
                return;
            }

            _state = state;
            _problem = problem;
            if (state == MqttLinkState.Connected)
            {
                _connected.TrySetResult();
            }
            else if (previous == MqttLinkState.Connected)
            {
                _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        try
        {
            StateChanged?.Invoke(this, new MqttLinkStateChangedEventArgs(previous, state, problem, refusal));
        }
        catch (Exception exception)
        {
            MqttLinkLog.StateHandlerFailed(_logger, exception);
        }
    }

    private string DescribeRefusal(MqttClientConnectResult result)
    {
        string what = result.ResultCode switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword => "bad user name or password: check Username and Password/PasswordFile",
            // mosquitto 2.0 answers a wrong password with this code too, not with BadUserNameOrPassword.
            MqttClientConnectResultCode.NotAuthorized =>
                $"not authorised: the broker does not let client '{_options.EffectiveClientId}' connect with these credentials or this certificate (check Username and Password/PasswordFile)",
            MqttClientConnectResultCode.ClientIdentifierNotValid => $"client id '{_options.EffectiveClientId}' not accepted: check ClientId",
            MqttClientConnectResultCode.UnsupportedProtocolVersion => "the broker does not speak this MQTT version: try Protocol = Mqtt311",
            MqttClientConnectResultCode.Banned => "this client is banned by the broker",
            MqttClientConnectResultCode.BadAuthenticationMethod => "the broker does not accept this authentication method",
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy => "the broker is unavailable or busy",
            MqttClientConnectResultCode.UseAnotherServer or MqttClientConnectResultCode.ServerMoved =>
                $"the broker redirects to '{result.ServerReference}': update BrokerUrl",
            MqttClientConnectResultCode.QuotaExceeded or MqttClientConnectResultCode.ConnectionRateExceeded => "connection quota or rate exceeded",
            _ => "refused",
        };
        string reason = string.IsNullOrEmpty(result.ReasonString) ? string.Empty : $", \"{result.ReasonString}\"";
        return $"the broker refused the connection: {what} (CONNACK {result.ResultCode}{reason})";
    }

    private string DescribeConnectFailure(Exception exception)
    {
        string described = Describe(exception);
        if (Innermost<AuthenticationException>(exception) is not null)
        {
            return $"TLS handshake failed: {described} (check CaFile, ServerName and the broker's certificate)";
        }

        SocketException? socket = Innermost<SocketException>(exception);
        if (socket?.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable or SocketError.TimedOut or SocketError.TryAgain or SocketError.NoData)
        {
            return $"cannot reach {Broker}: {socket.SocketErrorCode} ({socket.Message})";
        }

        // With TLS 1.3 the client's side of the handshake is done before the broker has checked the client
        // certificate, so a refused certificate shows up as a reset or closed connection instead of a CONNACK.
        if (Broker.UseTls && _options.ClientCertificateFile is not null)
        {
            return $"the broker closed the connection during the TLS/MQTT handshake: {described} (a client certificate it does not trust looks like this: check ClientCertificateFile and the broker's CA)";
        }

        return socket is null ? described : $"connection to {Broker} failed: {socket.SocketErrorCode} ({described})";
    }

    private static T? Innermost<T>(Exception exception)
        where T : Exception
    {
        T? found = null;
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                found = match;
            }
        }

        return found;
    }

    private static string Describe(Exception exception)
    {
        // The outermost message says what MQTTnet was doing; the innermost says what actually went wrong.
        Exception innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return ReferenceEquals(innermost, exception) || exception.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? $"{exception.GetType().Name}: {exception.Message}"
            : $"{exception.GetType().Name}: {exception.Message} ({innermost.GetType().Name}: {innermost.Message})";
    }
}
