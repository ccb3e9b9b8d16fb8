using System.Text;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>A message as a <see cref="MqttTestClient"/> received it.</summary>
public sealed record ReceivedMessage(
    string Topic,
    byte[] Payload,
    bool Retain,
    byte[]? CorrelationData,
    string? ResponseTopic,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> UserProperties)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public override string ToString() => $"{Topic} {(Retain ? "(retained) " : string.Empty)}{Text}";
}
