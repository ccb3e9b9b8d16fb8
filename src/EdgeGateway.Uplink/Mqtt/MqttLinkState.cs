namespace EdgeGateway.Uplink.Mqtt;

/// <summary>Where the link's connection stands.</summary>
public enum MqttLinkState
{
    /// <summary>Not started yet.</summary>
    Idle,

    /// <summary>A connect attempt is under way.</summary>
    Connecting,

    /// <summary>Connected, commands subscribed, birth message published.</summary>
    Connected,

    /// <summary>Not connected; the next attempt follows after the back-off.</summary>
    Disconnected,

    /// <summary>The broker answered the CONNECT with a refusal (bad credentials, not authorised…); retried after the back-off.</summary>
    Refused,

    /// <summary>Disposed: cleanly disconnected and not coming back.</summary>
    Stopped,
}
