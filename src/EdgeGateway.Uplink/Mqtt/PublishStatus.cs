namespace EdgeGateway.Uplink.Mqtt;

/// <summary>How a publish ended.</summary>
public enum PublishStatus
{
    /// <summary>The broker acknowledged it (QoS 1 PUBACK, QoS 2 PUBCOMP) with a success reason code.</summary>
    Acknowledged,

    /// <summary>QoS 0: written to the connection; nothing more is ever known.</summary>
    Sent,

    /// <summary>The link was down, or went down before the acknowledgement; try again after a reconnect.</summary>
    Disconnected,

    /// <summary>No room in the in-flight window, or no acknowledgement, within the publish timeout; the broker may still have it.</summary>
    TimedOut,

    /// <summary>The broker answered with a failure reason code (MQTT 5), e.g. not authorised or quota exceeded.</summary>
    Rejected,
}
