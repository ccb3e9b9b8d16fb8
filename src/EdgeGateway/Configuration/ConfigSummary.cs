namespace EdgeGateway.Configuration;

/// <summary>The gist of a valid configuration, so an installer sees at a glance what will run.</summary>
internal sealed record ConfigSummary(
    string GatewayId,
    int Buses,
    int Devices,
    int Channels,
    int Outlets,
    string Broker,
    string TopicRoot,
    string Payload,
    string StateDirectory,
    string Synchronous,
    long MaxStorageBytes,
    IReadOnlyList<PlatformSummary> Platforms)
{
    public static ConfigSummary Of(GatewaySettings settings) => new(
        settings.GatewayId,
        settings.Buses.Count,
        settings.Buses.Sum(bus => bus.Devices.Count),
        settings.Channels.Count,
        settings.Aggregation.Outlets.Count,
        settings.Link.BrokerUrl ?? $"{settings.Link.Host}:{settings.Link.Port}",
        settings.Link.EffectiveTopicRoot,
        settings.Payload.ToString().ToLowerInvariant(),
        settings.StateDirectory,
        settings.Outbox.Synchronous.ToString().ToLowerInvariant(),
        settings.Outbox.MaxBytes,
        [.. settings.Platforms.Select(PlatformSummary.Of)]);
}
