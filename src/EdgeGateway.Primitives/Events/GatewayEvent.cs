namespace EdgeGateway.Primitives.Events;

/// <summary>Something that happened at the gateway, kept in the outbox next to the readings and sent to the platform.</summary>
/// <param name="Time">When it happened. The outbox keeps the instant (as UTC), not the offset.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Source">Who reports it: a device or bus name, "outbox", "appender", "door".</param>
/// <param name="Text">One line for a person.</param>
/// <param name="DetailJson">Optional machine-readable detail as a JSON object (e.g. the evicted sequence range).</param>
public sealed record GatewayEvent(DateTimeOffset Time, GatewayEventKind Kind, string Source, string Text, string? DetailJson = null);
