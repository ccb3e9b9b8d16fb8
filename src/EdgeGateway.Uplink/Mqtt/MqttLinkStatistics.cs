namespace EdgeGateway.Uplink.Mqtt;

/// <summary>A snapshot of the link's counters since it was created.</summary>
public readonly record struct MqttLinkStatistics
{
    /// <summary>Successful connects (CONNACK Success).</summary>
    public long Connects { get; init; }

    /// <summary>Attempts that failed before a CONNACK: socket, TLS, timeout.</summary>
    public long ConnectFailures { get; init; }

    /// <summary>Attempts the broker refused in its CONNACK (credentials, authorisation).</summary>
    public long Refusals { get; init; }

    /// <summary>Established connections that were lost (a clean shutdown is not counted).</summary>
    public long Disconnects { get; init; }

    /// <summary>Calls to <see cref="MqttLink.PublishAsync"/> (including birth, status and replies).</summary>
    public long Publishes { get; init; }

    /// <summary>Publishes the broker acknowledged (or, QoS 0, that were sent).</summary>
    public long Acknowledged { get; init; }

    /// <summary>Publishes that failed: the sum of the three below.</summary>
    public long Failures => FailedDisconnected + FailedTimedOut + FailedRejected;

    public long FailedDisconnected { get; init; }

    public long FailedTimedOut { get; init; }

    public long FailedRejected { get; init; }
}
