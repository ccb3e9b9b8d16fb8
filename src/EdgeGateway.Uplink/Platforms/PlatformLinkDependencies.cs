using EdgeGateway.Pipeline;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>What a <see cref="PlatformLink"/> works with; the service builds one per platform (most parts are shared).</summary>
/// <param name="Outbox">The outbox; it must list <see cref="PlatformDestinations.Of"/> of the platform among its destinations.</param>
/// <param name="Durability">How far the outbox is durable (the appender's signal): nothing beyond it is sent.</param>
/// <param name="Channels">The channel table: factor codes of the readings and records.</param>
/// <param name="DeviceCommands">The service's device commands (1012, 3011-3024); null answers them <c>QnRtn=2</c>.</param>
/// <param name="Connector">How the platform is dialled (<see cref="TcpPlatformConnector"/> in the service).</param>
/// <param name="IdentityStore">Where PW, MN, key and intervals the platform set are kept (<see cref="JsonPlatformIdentityStore"/>).</param>
/// <param name="Time">Clock for QN, DataTime, OverTime, heartbeats and re-dial delays.</param>
/// <param name="Logger">The link's log.</param>
/// <param name="SoftwareStartedAt">When the gateway process started: the 2081 RestartTime.</param>
/// <param name="Announce">Receives platform-lost/platform-restored events (the service appends them to the outbox); null: none.</param>
public sealed record PlatformLinkDependencies(
    IOutbox Outbox,
    DurableSequenceSignal Durability,
    ChannelTable Channels,
    IPlatformDeviceCommands? DeviceCommands,
    IPlatformConnector Connector,
    IPlatformIdentityStore IdentityStore,
    TimeProvider Time,
    ILogger Logger,
    DateTimeOffset SoftwareStartedAt,
    Action<GatewayEvent>? Announce = null)
{
    /// <summary>How many outbox records one read takes.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>The CPU ID and MACs the 1001 hardware identity reports (HJ 212-2025); null: no 1001 is sent.</summary>
    public PlatformHardwareIdentity? HardwareIdentity { get; init; }

    /// <summary>The most records one history request (2031/2051/2061, readings for 2013) sends; the rest answer a narrower request.</summary>
    public int MaxHistoryRecords { get; init; } = 20_000;
}
