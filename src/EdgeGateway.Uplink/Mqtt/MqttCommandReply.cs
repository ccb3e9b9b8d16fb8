namespace EdgeGateway.Uplink.Mqtt;

/// <summary>What a command handler answers; the link publishes it (QoS 1, not retained) to the request's reply topic.</summary>
/// <param name="Payload">The reply body; on MQTT 3.1.1 it must carry the request's id itself, as there is no correlation data.</param>
public sealed record MqttCommandReply(ReadOnlyMemory<byte> Payload)
{
    /// <summary>MQTT 5 content type of the reply.</summary>
    public string? ContentType { get; init; }

    /// <summary>MQTT 5 user properties of the reply (e.g. a status code).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserProperties { get; init; } = [];
}
