namespace EdgeGateway.Uplink.Mqtt;

/// <summary>A snapshot of an <see cref="MqttCommandResponder"/>'s counters since it was created.</summary>
public readonly record struct MqttCommandResponderStatistics
{
    /// <summary>Commands received on mapped topics.</summary>
    public long CommandsReceived { get; init; }

    /// <summary>Commands neither run nor answered: retained, or with a refused response topic (<see cref="MqttCommandResponder.CommandIgnored"/>).</summary>
    public long CommandsIgnored { get; init; }

    /// <summary>Command replies the broker acknowledged.</summary>
    public long RepliesSent { get; init; }
}
