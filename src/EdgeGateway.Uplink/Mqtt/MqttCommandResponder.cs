using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Packets;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Answers the platform's commands over an <see cref="MqttLink"/>: subscribes the mapped command topics through the
/// link (again after every connect), routes each command to its handler and publishes the reply, on the request's
/// MQTT 5 response topic with its correlation data, or on MQTT 3.1.1 on <c>{reply root}/{name}</c>. The link only
/// carries messages; what a command is, which are ignored and where replies may go is decided here.
/// </summary>
/// <remarks>
/// Ignored, neither run nor answered: a retained command (replayed on every subscribe, not a new command), and one
/// whose response topic is not strictly below <see cref="ReplyTopicRoot"/> (answered there it could feed a data topic
/// or a <c>$</c> topic; run unanswered it would be unconfirmed).
/// </remarks>
public sealed class MqttCommandResponder
{
    private readonly MqttLink _link;
    private readonly ILogger _logger;
    private long _commandsReceived;
    private long _commandsIgnored;
    private long _repliesSent;

    /// <summary>A responder on <paramref name="link"/>; map commands before the link starts.</summary>
    public MqttCommandResponder(MqttLink link, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        _link = link;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Raised, synchronously on the receive path, for a command that was neither run nor answered: a retained message,
    /// or one whose response topic is refused (<see cref="MqttCommandIgnoredReason"/>). Keep handlers short.
    /// </summary>
    public event EventHandler<MqttCommandIgnoredEventArgs>? CommandIgnored;

    /// <summary>The conventional command filter, <c>{root}/cmd/#</c>, for <see cref="Map"/>.</summary>
    public string CommandTopicFilter => _link.TopicRoot + "/cmd/#";

    /// <summary>Replies go only below this topic (<c>{root}/reply</c> unless configured): never a data or <c>$</c> topic.</summary>
    public string ReplyTopicRoot => _link.Options.EffectiveReplyTopicRoot;

    public MqttCommandResponderStatistics Statistics => new()
    {
        CommandsReceived = Interlocked.Read(ref _commandsReceived),
        CommandsIgnored = Interlocked.Read(ref _commandsIgnored),
        RepliesSent = Interlocked.Read(ref _repliesSent),
    };

    /// <summary>
    /// Routes commands on <paramref name="topicFilter"/> (e.g. <see cref="CommandTopicFilter"/>) to
    /// <paramref name="handler"/>; subscribed at QoS 1 after every connect. Call before the link starts. The first
    /// mapped filter that matches a topic handles it.
    /// </summary>
    public void Map(string topicFilter, MqttCommandHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        ArgumentNullException.ThrowIfNull(handler);
        if (topicFilter.StartsWith("$share/", StringComparison.Ordinal))
        {
            throw new ArgumentException("A gateway's commands are its own; a shared subscription would hand them to another gateway.", nameof(topicFilter));
        }

        var route = new MqttCommandRoute(topicFilter, handler);
        _link.Subscribe(topicFilter, (message, stopping) => RespondAsync(route, message, stopping));
    }

    private async Task RespondAsync(MqttCommandRoute route, MqttApplicationMessage message, CancellationToken stopping)
    {
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
            MqttLinkLog.NoReplyTopic(_logger, message.Topic, _link.TopicRoot);
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
            PublishOutcome outcome = await _link.PublishReplyAsync(request.ReplyTopic, reply.Payload, properties, stopping).ConfigureAwait(false);
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
        string commandPrefix = _link.TopicRoot + "/cmd/";
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
}
