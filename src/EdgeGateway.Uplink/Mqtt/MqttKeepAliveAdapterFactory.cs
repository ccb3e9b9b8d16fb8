using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Implementations;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// MQTTnet's own adapter factory (TCP or WebSocket channel, packet formatter), each adapter wrapped in a
/// <see cref="MqttKeepAliveAdapter"/>; MQTTnet asks for one per connect attempt, and <see cref="Current"/> is the latest.
/// </summary>
internal sealed class MqttKeepAliveAdapterFactory(TimeSpan keepAlive, TimeProvider time) : IMqttClientAdapterFactory
{
    private readonly MqttClientAdapterFactory _inner = new();
    private readonly ushort _keepAliveSeconds = checked((ushort)keepAlive.TotalSeconds);
    private volatile MqttKeepAliveAdapter? _current;

    /// <summary>The adapter of the latest connect attempt; null before the first.</summary>
    public MqttKeepAliveAdapter? Current => _current;

    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        var adapter = new MqttKeepAliveAdapter(_inner.CreateClientAdapter(options, packetInspector, logger), _keepAliveSeconds, time);
        _current = adapter;
        return adapter;
    }
}
