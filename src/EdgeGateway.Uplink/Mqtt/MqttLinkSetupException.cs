namespace EdgeGateway.Uplink.Mqtt;

/// <summary>A connect attempt could not even start: a password, CA or certificate file could not be read.</summary>
public sealed class MqttLinkSetupException : Exception
{
    public MqttLinkSetupException()
    {
    }

    public MqttLinkSetupException(string message)
        : base(message)
    {
    }

    public MqttLinkSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
