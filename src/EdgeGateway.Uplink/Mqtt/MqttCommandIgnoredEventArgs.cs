namespace EdgeGateway.Uplink.Mqtt;

/// <summary>Raised by <see cref="MqttCommandResponder.CommandIgnored"/>: a command was received and neither run nor answered.</summary>
public sealed class MqttCommandIgnoredEventArgs(string topic, MqttCommandIgnoredReason reason, string? responseTopic, string replyTopicRoot) : EventArgs
{
    /// <summary>The topic the command arrived on.</summary>
    public string Topic { get; } = topic;

    public MqttCommandIgnoredReason Reason { get; } = reason;

    /// <summary>The MQTT 5 response topic it asked for, if any.</summary>
    public string? ResponseTopic { get; } = responseTopic;

    /// <summary>Where replies may go (<see cref="MqttCommandResponder.ReplyTopicRoot"/>).</summary>
    public string ReplyTopicRoot { get; } = replyTopicRoot;

    /// <summary>One line for a person.</summary>
    public string Description => Reason switch
    {
        MqttCommandIgnoredReason.Retained => $"command on {Topic} ignored: it is a retained message (replayed by the broker on every subscribe); clear it with an empty retained publish",
        _ => $"command on {Topic} ignored: its response topic '{ResponseTopic}' is not under {ReplyTopicRoot}/, so it was neither run nor answered",
    };
}
