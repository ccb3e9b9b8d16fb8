using MQTTnet;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// The result of <see cref="MqttLink.PublishAsync"/>. Expected failures (link down, timeout, broker refusal) are
/// outcomes, not exceptions, so the publisher simply keeps its outbox cursor where it is unless <see cref="Succeeded"/>.
/// </summary>
/// <param name="Status">How the publish ended.</param>
/// <param name="ReasonCode">The broker's reason code when it answered (MQTT 3.1.1 acknowledgements always say Success).</param>
/// <param name="Detail">Why it failed, for logs; null on success.</param>
public readonly record struct PublishOutcome(PublishStatus Status, MqttClientPublishReasonCode? ReasonCode = null, string? Detail = null)
{
    /// <summary>
    /// True when the broker took the message (or, for QoS 0, it was sent). <see cref="MqttClientPublishReasonCode.NoMatchingSubscribers"/>
    /// counts as success: the broker accepted it and nobody happened to listen.
    /// </summary>
    public bool Succeeded => Status is PublishStatus.Acknowledged or PublishStatus.Sent;

    public override string ToString() =>
        Status + (ReasonCode is { } code && code != MqttClientPublishReasonCode.Success ? $" ({code})" : string.Empty) + (Detail is null ? string.Empty : ": " + Detail);
}
