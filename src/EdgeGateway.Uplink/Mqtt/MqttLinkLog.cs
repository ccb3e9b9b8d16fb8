using Microsoft.Extensions.Logging;

namespace EdgeGateway.Uplink.Mqtt;

internal static partial class MqttLinkLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "MQTT link to {Broker} as {ClientId}: connected (session present: {SessionPresent}, in-flight window {Window})")]
    public static partial void Connected(ILogger logger, string broker, string clientId, bool sessionPresent, int window);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "MQTT link to {Broker} as {ClientId}: {Problem}; retrying in {Delay}")]
    public static partial void Refused(ILogger logger, string broker, string clientId, string problem, TimeSpan delay);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "MQTT link to {Broker}: connect failed: {Problem}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string broker, string problem, TimeSpan delay);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "MQTT link to {Broker}: connection lost: {Problem}")]
    public static partial void ConnectionLost(ILogger logger, string broker, string problem);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "MQTT link: subscribing to {TopicFilter} failed: {Result}")]
    public static partial void SubscribeFailed(ILogger logger, string topicFilter, string result);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "MQTT link: birth message on {Topic} not acknowledged: {Outcome}")]
    public static partial void BirthFailed(ILogger logger, string topic, string outcome);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "MQTT link: the command handler for {Topic} failed")]
    public static partial void CommandHandlerFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "MQTT link: command on {Topic} has no reply topic (no MQTT 5 response topic, not under {Root}/cmd/); reply dropped")]
    public static partial void NoReplyTopic(ILogger logger, string topic, string root);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "MQTT link: reply to {Topic} not delivered: {Outcome}")]
    public static partial void ReplyFailed(ILogger logger, string topic, string outcome);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "MQTT link: a StateChanged handler threw")]
    public static partial void StateHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "MQTT link to {Broker}: disconnected cleanly ({OfflineOutcome} for the offline status)")]
    public static partial void Stopped(ILogger logger, string broker, string offlineOutcome);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "MQTT link to {Broker}: the broker's Receive Maximum {ReceiveMaximum} is below MaxInFlight {MaxInFlight}; using {ReceiveMaximum}")]
    public static partial void WindowLowered(ILogger logger, string broker, int receiveMaximum, int maxInFlight);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Critical, Message = "MQTT link: the connect loop failed unexpectedly; it goes on after {Delay}")]
    public static partial void LoopFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "MQTT link: {Description}")]
    public static partial void CommandIgnored(ILogger logger, string description);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Error, Message = "MQTT link: a CommandIgnored handler threw")]
    public static partial void IgnoredHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "MQTT link to {Broker}: keep-alive: {Problem}; reconnecting")]
    public static partial void KeepAliveFailed(ILogger logger, string broker, string problem);
}
