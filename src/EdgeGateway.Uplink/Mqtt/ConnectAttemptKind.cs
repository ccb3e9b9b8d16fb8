namespace EdgeGateway.Uplink.Mqtt;

/// <summary>How one connect attempt of <see cref="MqttLink"/> ended.</summary>
internal enum ConnectAttemptKind
{
    /// <summary>Connected, subscribed, birth published.</summary>
    Connected,

    /// <summary>MQTTnet was still tearing down the previous connection; try again shortly, not a failure.</summary>
    Pending,

    /// <summary>The broker refused in its CONNACK.</summary>
    Refused,

    /// <summary>No CONNACK: socket, TLS, timeout or a file that could not be loaded.</summary>
    Failed,
}
