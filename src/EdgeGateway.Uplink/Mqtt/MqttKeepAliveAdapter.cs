using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Wraps MQTTnet's own channel adapter for one connection so that the link, not MQTTnet, keeps the connection
/// alive: it writes the configured keep-alive into the CONNECT packet (MQTTnet is given 0, so its keep-alive loop,
/// which wakes every 250 ms whatever the period, never starts), notes when the last packet was sent, takes the MQTT 5
/// Server Keep Alive out of the CONNACK (MQTTnet would start its loop for it, with its own period of 0) and can cut
/// the connection without a DISCONNECT, so the broker still publishes the last will.
/// </summary>
internal sealed class MqttKeepAliveAdapter(IMqttChannelAdapter inner, ushort keepAliveSeconds, TimeProvider time) : IMqttChannelAdapter
{
    private long _lastPacketSent = time.GetTimestamp();
    private volatile bool _connAckSeen;
    private int _serverKeepAliveSeconds;

    public long BytesReceived => inner.BytesReceived;

    public long BytesSent => inner.BytesSent;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    /// <summary>When the last packet was handed to the channel, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long LastPacketSentTimestamp => Volatile.Read(ref _lastPacketSent);

    /// <summary>The broker's MQTT 5 Server Keep Alive from the CONNACK in seconds; 0 when it sent none.</summary>
    public int ServerKeepAliveSeconds => Volatile.Read(ref _serverKeepAliveSeconds);

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        Task<MqttPacket> received = inner.ReceivePacketAsync(cancellationToken);

        // Only the CONNACK is looked at: every later packet (a PUBACK per publish) passes without an extra await.
        return _connAckSeen ? received : TakeServerKeepAliveAsync(received);
    }

    public void ResetStatistics() => inner.ResetStatistics();

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (packet is MqttConnectPacket connect)
        {
            connect.KeepAlivePeriod = keepAliveSeconds;
        }

        Volatile.Write(ref _lastPacketSent, time.GetTimestamp());
        return inner.SendPacketAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Closes the channel without a DISCONNECT: MQTTnet's receive loop ends and raises its Disconnected event (the
    /// link's reconnect path), and the broker, seeing no DISCONNECT, publishes the last will.
    /// </summary>
    public Task AbortAsync() => inner.DisconnectAsync(CancellationToken.None);

    public void Dispose() => inner.Dispose();

    private async Task<MqttPacket> TakeServerKeepAliveAsync(Task<MqttPacket> received)
    {
        MqttPacket packet = await received.ConfigureAwait(false);
        if (packet is MqttConnAckPacket connAck)
        {
            Volatile.Write(ref _serverKeepAliveSeconds, connAck.ServerKeepAlive);

            // MQTTnet starts its own 250 ms loop when the CONNACK carries a Server Keep Alive (and then pings with its
            // configured period, here 0: at every wake). The link honours the value instead (MQTT-3.1.2-21).
            connAck.ServerKeepAlive = 0;
            _connAckSeen = true;
        }

        return packet;
    }
}
