using MQTTnet;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>A topic filter the link subscribes after every connect, and where its messages go (<see cref="MqttLink.Subscribe"/>).</summary>
internal sealed record MqttSubscription(string TopicFilter, Func<MqttApplicationMessage, CancellationToken, Task> OnMessage);
