using EdgeGateway.FieldBus.Commands;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// What the commands act on, wired by the host. Only <see cref="GatewayId"/> is required: a command whose part is
/// missing is answered with a <c>forbidden</c> error saying it is not available on this gateway.
/// </summary>
public sealed record PlatformCommandDependencies
{
    /// <summary>The gateway's id, as in the topic root; every reply carries it.</summary>
    public required string GatewayId { get; init; }

    /// <summary>The software version, for <c>ping</c>.</summary>
    public string SoftwareVersion { get; init; } = "unknown";

    /// <summary>When the gateway process started, for <c>ping</c>'s uptime; null leaves it out.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Whether NTP keeps the clock (<c>get-time</c>, and <c>set-time</c> is refused while it does). Null: unknown.</summary>
    public IClockStatusProbe? ClockStatus { get; init; }

    /// <summary>Sets the clock for <c>set-time</c>; null: not available.</summary>
    public ISystemClockSetter? ClockSetter { get; init; }

    /// <summary>The real-time data interval for <c>get-rt-interval</c>/<c>set-rt-interval</c>; null: not available.</summary>
    public IRealTimeIntervalControl? RealTimeInterval { get; init; }

    /// <summary>Where <c>history</c> reads records; with <see cref="HistoryEncoder"/> and <see cref="HistoryPublisher"/>, or null: not available.</summary>
    public IOutbox? Outbox { get; init; }

    /// <summary>
    /// Encodes re-sent records: the payload mode's encoder, built like the outbox publisher's (same gateway id, store id
    /// and channel table), so re-sent messages look like the first ones.
    /// </summary>
    public IUplinkEncoder? HistoryEncoder { get; init; }

    /// <summary>Publishes re-sent messages below the topic root (<see cref="MqttMessagePublisher"/> over the link).</summary>
    public IMessagePublisher? HistoryPublisher { get; init; }

    /// <summary>Keeps a sample for <c>retain-sample</c>; with <see cref="Samplers"/>, or null: not available.</summary>
    public ISampleRetainer? SampleRetainer { get; init; }

    /// <summary>The devices whose profile declares <c>retainSample</c>: the ones <c>retain-sample</c> may name.</summary>
    public IReadOnlyList<string> Samplers { get; init; } = [];

    /// <summary>Told of each sample <c>retain-sample</c> kept (device, outcome, by whom): the alarm stage's <c>SampleTaken</c>.</summary>
    public Action<string, SampleRetentionOutcome, string>? SampleTaken { get; init; }
}
