using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// The gateway's MQTT connection to the platform's broker, on MQTTnet 5 (which has no managed client): a
/// background loop connects and reconnects with exponential back-off and jitter, checks the CONNACK (a refusal
/// is reported, not thrown), re-subscribes the topics subscribed through it (the <see cref="MqttCommandResponder"/>'s
/// command topics), publishes the retained birth after every connect and keeps each connection alive itself
/// (<see cref="MqttKeepAlive"/>: one timer per keep-alive period instead of MQTTnet's 250 ms loop). <see cref="PublishAsync"/> bounds the QoS 1 publishes awaiting a PUBACK and reports every expected
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

    // MQTTnet refuses ConnectAsync while its own teardown of the last connection is still running.
    private static readonly TimeSpan PendingDisconnectRetry = TimeSpan.FromMilliseconds(50);

    // The explicit "offline" before a clean disconnect must not hold a shutdown for a full publish timeout.
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(5);

    private readonly MqttLinkOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly MqttLinkKeepAlive _keepAlive;
    private readonly MqttClientOptionsFactory _clientOptions;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _disconnectSignal = new(0);
    private readonly List<MqttSubscription> _subscriptions = [];
    private readonly Lock _stateLock = new();
    private readonly DateTimeOffset _startedAt;

    private readonly MqttPublishPath _publishPath;
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
        var adapters = new MqttKeepAliveAdapterFactory(options.KeepAlive, _time);
        _client = new MqttClientFactory().CreateMqttClient(new MqttNetNullLogger(), adapters);
        _keepAlive = new MqttLinkKeepAlive(_client, adapters, options.KeepAlive, _time, _logger, Broker.ToString(), _disconnectSignal);
        _publishPath = new MqttPublishPath(_client, options.Protocol, options.MaxInFlight);
        _client.DisconnectedAsync += OnClientDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
    }

    /// <summary>
    /// Raised on every state change, synchronously from the connect loop: keep handlers short. A refusal carries
    /// the broker's reason and what to check.
    /// </summary>
    public event EventHandler<MqttLinkStateChangedEventArgs>? StateChanged;

    public MqttLinkOptions Options => _options;

    /// <summary>Where the link connects.</summary>
    public MqttBrokerEndpoint Broker { get; }

    /// <summary>The root of every topic, e.g. <c>egw/gw-01</c>.</summary>
    public string TopicRoot { get; }

    /// <summary>The retained status topic (birth "online", last will "offline").</summary>
    public string StatusTopic { get; }

    /// <summary>True while connected with its topics subscribed and the birth published.</summary>
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
    public int InFlight => _publishPath.InFlight;

    /// <summary>The in-flight window of the current connection: MaxInFlight, or the broker's Receive Maximum if smaller.</summary>
    public int InFlightLimit => _publishPath.WindowSize;

    public MqttLinkStatistics Statistics => _publishPath.CountInto(new MqttLinkStatistics
    {
        Connects = Interlocked.Read(ref _connects),
        ConnectFailures = Interlocked.Read(ref _connectFailures),
        Refusals = Interlocked.Read(ref _refusals),
        Disconnects = Interlocked.Read(ref _disconnects),
    });

    /// <summary>
    /// Subscribes <paramref name="topicFilter"/> at QoS 1 after every connect and hands each message received on it
    /// to <paramref name="onMessage"/> (the first subscription whose filter matches), on the receive path, one at a
    /// time, with a token cancelled when the link shuts down. Call before <see cref="Start"/>.
    /// </summary>
    internal void Subscribe(string topicFilter, Func<MqttApplicationMessage, CancellationToken, Task> onMessage)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("Map commands before Start: the subscriptions are made on connect.");
        }

        _subscriptions.Add(new MqttSubscription(topicFilter, onMessage));
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
        return _publishPath.PublishAsync(topic, payload, qualityOfService, retain, properties, _options.PublishTimeout, cancellationToken);
    }

    /// <summary>A command's reply: QoS 1, not retained, bounded by <see cref="MqttLinkOptions.PublishTimeout"/>.</summary>
    internal Task<PublishOutcome> PublishReplyAsync(string topic, ReadOnlyMemory<byte> payload, MqttPublishProperties properties, CancellationToken cancellationToken) =>
        _publishPath.PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, properties, _options.PublishTimeout, cancellationToken);

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

        _keepAlive.Stop();

        if (_client.IsConnected)
        {
            PublishOutcome offline = await _publishPath.PublishAsync(StatusTopic, _clientOptions.OfflinePayload, MqttQualityOfServiceLevel.AtLeastOnce, retain: true,
                StatusProperties(), Min(_options.PublishTimeout, ShutdownLimit), CancellationToken.None).ConfigureAwait(false);
            try
            {
                using var limit = new CancellationTokenSource(ShutdownLimit);
                var disconnect = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
                await _client.DisconnectAsync(disconnect, limit.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (MqttFailureText.IsConnectionFailure(exception) || exception is OperationCanceledException)
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
                    // Woken by MQTTnet's Disconnected event, or by the keep-alive when it cut the connection or found it lost.
                    await _disconnectSignal.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                _keepAlive.Stop();
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
                // last connection (docs/library-notes.md §1). Not a failure; try again in a moment.
                return ConnectAttempt.Pending;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                throw new OperationCanceledException(stopping);
            }
            catch (Exception exception) when (attemptLimit.IsCancellationRequested)
            {
                Interlocked.Increment(ref _connectFailures);
                return ConnectAttempt.Failed($"no CONNACK within ConnectTimeout ({_options.ConnectTimeout.TotalSeconds:0.#} s): {MqttFailureText.Describe(exception)}");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _connectFailures);
                return ConnectAttempt.Failed(MqttFailureText.DescribeConnectFailure(exception, Broker, _options.ClientCertificateFile is not null));
            }
        }

        // ConnectAsync does not throw on a refusal (docs/library-notes.md §1): the CONNACK's code is the only sign.
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            Interlocked.Increment(ref _refusals);
            return ConnectAttempt.Refused(MqttFailureText.DescribeRefusal(result, _options.EffectiveClientId), result.ResultCode);
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

        _publishPath.OpenWindow(window);
        _keepAlive.Start(stopping);
        await SubscribeAsync(stopping).ConfigureAwait(false);
        await PublishBirthAsync(stopping).ConfigureAwait(false);
        MqttLinkLog.Connected(_logger, Broker.ToString(), _options.EffectiveClientId, result.IsSessionPresent, window);
        SetState(MqttLinkState.Connected, null, null);
        return ConnectAttempt.Connected;
    }

    private async Task SubscribeAsync(CancellationToken stopping)
    {
        if (_subscriptions.Count == 0)
        {
            return;
        }

        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (MqttSubscription subscription in _subscriptions)
        {
            builder.WithTopicFilter(subscription.TopicFilter, MqttQualityOfServiceLevel.AtLeastOnce);
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
        catch (Exception exception) when (!stopping.IsCancellationRequested && (MqttFailureText.IsConnectionFailure(exception) || exception is OperationCanceledException))
        {
            // The connection dropped or the broker did not answer; the loop notices and reconnects, subscribing again.
            MqttLinkLog.SubscribeFailed(_logger, string.Join(", ", _subscriptions.Select(subscription => subscription.TopicFilter)), MqttFailureText.Describe(exception));
        }
    }

    private async Task PublishBirthAsync(CancellationToken stopping)
    {
        byte[] birth = MqttStatusPayloads.Online(_options.GatewayId, _options.SoftwareVersion, _startedAt, _time.GetUtcNow());
        PublishOutcome outcome = await _publishPath.PublishAsync(StatusTopic, birth, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, StatusProperties(),
            _options.PublishTimeout, stopping).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            MqttLinkLog.BirthFailed(_logger, StatusTopic, outcome.ToString());
        }
    }

    private MqttPublishProperties? StatusProperties() =>
        _options.OfflinePayload is null ? new MqttPublishProperties { ContentType = MqttStatusPayloads.ContentType } : null;

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
        string problem = _keepAlive.Failure is { } keepAliveFailure
            ? $"the connection was lost (keep-alive: {keepAliveFailure})"
            : args is null
            ? "the connection was lost"
            : $"the connection was lost ({args.Reason}{(string.IsNullOrEmpty(args.ReasonString) ? string.Empty : ": " + args.ReasonString)}"
              + (args.Exception is null ? ")" : $"; {MqttFailureText.Describe(args.Exception)})");
        MqttLinkLog.ConnectionLost(_logger, Broker.ToString(), problem);
        SetState(MqttLinkState.Disconnected, problem, null);
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        MqttApplicationMessage message = args.ApplicationMessage;
        MqttSubscription? subscription = _subscriptions.FirstOrDefault(candidate => MqttTopicFilterComparer.Compare(message.Topic, candidate.TopicFilter) == MqttTopicFilterCompareResult.IsMatch);
        if (subscription is null)
        {
            return;
        }

        CancellationToken stopping;
        try
        {
            stopping = _stopping.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        await subscription.OnMessage(message, stopping).ConfigureAwait(false);
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
}
