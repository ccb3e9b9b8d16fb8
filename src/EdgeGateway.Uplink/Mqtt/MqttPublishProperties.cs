namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// MQTT 5 properties of a publish. On MQTT 3.1.1 they are not sent (the protocol has no place for them): carry
/// what matters in the payload there.
/// </summary>
public sealed record MqttPublishProperties
{
    /// <summary>MIME type of the payload, e.g. <c>application/json</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Ties a reply to its request.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>Where the receiver should send its reply.</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>How long the broker may keep the message for an absent subscriber; null: for ever.</summary>
    public TimeSpan? MessageExpiry { get; init; }

    /// <summary>Free name/value pairs (e.g. schema version, first and last sequence numbers).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserProperties { get; init; } = [];
}
