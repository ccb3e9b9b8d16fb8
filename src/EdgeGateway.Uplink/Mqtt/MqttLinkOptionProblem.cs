namespace EdgeGateway.Uplink.Mqtt;

/// <summary>One thing wrong with <see cref="MqttLinkOptions"/>.</summary>
/// <param name="Option">The property's name (<c>nameof(MqttLinkOptions.KeepAlive)</c>), for mapping to a config key.</param>
/// <param name="Message">What is wrong and what would be right.</param>
public sealed record MqttLinkOptionProblem(string Option, string Message)
{
    public override string ToString() => $"{Option}: {Message}";
}
