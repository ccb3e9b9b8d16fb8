namespace EdgeGateway.Uplink.Mqtt;

/// <summary>A topic filter mapped to its command handler by <see cref="MqttCommandResponder.Map"/>.</summary>
internal sealed record MqttCommandRoute(string TopicFilter, MqttCommandHandler Handler);
