using EdgeGateway.Storage;

namespace EdgeGateway.Uplink;

/// <summary>How <see cref="OutboxPublisher"/> paces and batches.</summary>
public sealed record OutboxPublisherOptions
{
    /// <summary>The most <see cref="MaxInFlight"/> may be: MQTT's packet identifiers give 65 535, brokers far fewer.</summary>
    public const int MaxInFlightLimit = 65_535;

    /// <summary>Live readings are sent once this many are waiting (also the most records read per step).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// The outbox destination whose acknowledgements this publisher reads and writes: each uplink destination has its
    /// own cursor in the outbox (docs/storage.md, Destinations), so one that is down never holds back another.
    /// </summary>
    public string Destination { get; init; } = OutboxDestinations.Mqtt;

    /// <summary>...or once the oldest waiting live record has waited this long.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An optional cap on backlog messages per second. Null (the default): the backlog is paced by the broker's
    /// acknowledgements alone: it may hold all but one slot of the window (<see cref="MaxInFlight"/>), and a slot
    /// frees when its PUBACK comes, so the rate follows what the link and the broker carry, and live data, which go
    /// first whenever a batch is ready, always find the slot kept for them. A cap only makes sense to leave a shared,
    /// metered link room for others.
    /// </summary>
    public double? BacklogMessagesPerSecond { get; init; }

    /// <summary>
    /// Messages published and still awaiting their PUBACK, at most. One in flight makes throughput one message per
    /// round trip (10 a second over a 100 ms 4G link); a window keeps the link busy. The backlog may fill all but one
    /// slot, so live data always find one. The link bounds its own window too (<c>MqttLinkOptions.MaxInFlight</c>,
    /// and the broker's Receive Maximum): keep this at or below it, or publishes queue in the link instead.
    /// </summary>
    public int MaxInFlight { get; init; } = 8;

    /// <summary>
    /// On a graceful stop, how long publishes already in flight may still take to be acknowledged before they are
    /// abandoned (they then stay owed and go out after the next start).
    /// </summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Pause after a failed publish before trying again, so a dead link is not hammered.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchDelay, TimeSpan.Zero);
        if (BacklogMessagesPerSecond is { } rate && (!double.IsFinite(rate) || rate <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(BacklogMessagesPerSecond), rate, "must be a positive number, or null for pacing by acknowledgements");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxInFlight, MaxInFlightLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(StopTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero);
    }
}
