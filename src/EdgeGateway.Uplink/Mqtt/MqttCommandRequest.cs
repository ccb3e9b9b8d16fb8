namespace EdgeGateway.Uplink.Mqtt;

/// <summary>A command received on a topic mapped with <see cref="MqttCommandResponder.Map"/>.</summary>
public sealed record MqttCommandRequest
{
    /// <summary>The topic it arrived on, e.g. <c>egw/gw-01/cmd/ping</c>.</summary>
    public required string Topic { get; init; }

    /// <summary>Its payload (a copy: safe to keep after the handler returns).</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>MQTT 5: where the requester wants the reply; null when it gave none (always on 3.1.1).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>MQTT 5: the requester's correlation data, echoed in the reply; null when none.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>MQTT 5: the payload's content type, if the requester said.</summary>
    public string? ContentType { get; init; }

    /// <summary>MQTT 5 user properties of the request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserProperties { get; init; } = [];

    /// <summary>
    /// Where the link will publish the reply: <see cref="ResponseTopic"/> when given, else the 3.1.1 convention
    /// (<c>{root}/cmd/{name}</c> is answered on <c>{root}/reply/{name}</c>); null when neither applies.
    /// </summary>
    public string? ReplyTopic { get; init; }
}
