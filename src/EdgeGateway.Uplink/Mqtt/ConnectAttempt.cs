using MQTTnet;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>The result of one connect attempt of <see cref="MqttLink"/>.</summary>
internal readonly record struct ConnectAttempt(ConnectAttemptKind Kind, string? Problem, MqttClientConnectResultCode? Refusal)
{
    public static ConnectAttempt Connected => new(ConnectAttemptKind.Connected, null, null);

    public static ConnectAttempt Pending => new(ConnectAttemptKind.Pending, null, null);

    public static ConnectAttempt Refused(string problem, MqttClientConnectResultCode code) => new(ConnectAttemptKind.Refused, problem, code);

    public static ConnectAttempt Failed(string problem) => new(ConnectAttemptKind.Failed, problem, null);
}
