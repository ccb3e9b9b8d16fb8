using MQTTnet;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>Raised by <see cref="MqttLink.StateChanged"/>.</summary>
public sealed class MqttLinkStateChangedEventArgs(MqttLinkState previous, MqttLinkState state, string? problem, MqttClientConnectResultCode? refusal) : EventArgs
{
    public MqttLinkState Previous { get; } = previous;

    public MqttLinkState State { get; } = state;

    /// <summary>Why the link is not connected (refusal, TLS or socket error, lost connection), in words for an operator; null otherwise.</summary>
    public string? Problem { get; } = problem;

    /// <summary>The broker's CONNACK reason when it refused the connection.</summary>
    public MqttClientConnectResultCode? Refusal { get; } = refusal;

    public override string ToString() => $"{Previous} -> {State}" + (Problem is null ? string.Empty : ": " + Problem);
}
