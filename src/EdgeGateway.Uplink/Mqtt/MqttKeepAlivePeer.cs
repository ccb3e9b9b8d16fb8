using MQTTnet;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>One MQTTnet connection as <see cref="MqttKeepAlive"/> sees it: the client pings, the adapter knows the last send.</summary>
internal sealed class MqttKeepAlivePeer(IMqttClient client, MqttKeepAliveAdapter adapter) : IMqttKeepAlivePeer
{
    public long LastPacketSentTimestamp => adapter.LastPacketSentTimestamp;

    public bool IsConnected => client.IsConnected;

    public Task PingAsync(CancellationToken cancellationToken) => client.PingAsync(cancellationToken);

    public Task AbortAsync() => adapter.AbortAsync();
}
