namespace EdgeGateway.Control.Contract;

/// <summary>What a maintenance command did: the channels, and the window's end (null after a stop).</summary>
public sealed record MaintenanceResult(string Action, string Target, IReadOnlyList<string> Channels, DateTimeOffset? Until, string? Reason);
