namespace EdgeGateway.Uplink.Mqtt;

/// <summary>Why <see cref="MqttLink"/> did not run a command it received.</summary>
public enum MqttCommandIgnoredReason
{
    /// <summary>
    /// The message came with the MQTT retain flag: the broker replays a retained message on every (re)subscribe, so it
    /// is an old command, not a new one.
    /// </summary>
    Retained,

    /// <summary>
    /// Its MQTT 5 response topic is not under the reply root (or holds wildcards): the gateway publishes replies only
    /// there, never onto its own data topics or the broker's <c>$</c> topics.
    /// </summary>
    ReplyTopicRefused,
}
