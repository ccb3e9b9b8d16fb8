namespace EdgeGateway.Uplink.Mqtt;

/// <summary>What <see cref="MqttKeepAlive"/> needs of one connection.</summary>
internal interface IMqttKeepAlivePeer
{
    /// <summary>When the last packet was sent, as a <see cref="TimeProvider.GetTimestamp"/> value of the keep-alive's clock.</summary>
    long LastPacketSentTimestamp { get; }

    bool IsConnected { get; }

    /// <summary>Sends PINGREQ and completes at the PINGRESP; throws when the connection fails or the token is cancelled.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Cuts the connection without a DISCONNECT (the broker then publishes the last will).</summary>
    Task AbortAsync();
}
