namespace EdgeGateway.Uplink.Mqtt;

/// <summary>The MQTT protocol the link speaks to the broker.</summary>
public enum MqttProtocolLevel
{
    /// <summary>MQTT 5.0: reason codes on every acknowledgement, response topic and correlation data, session expiry.</summary>
    Mqtt5,

    /// <summary>MQTT 3.1.1, for brokers that do not speak 5 yet: no reason codes, no properties.</summary>
    Mqtt311,
}
