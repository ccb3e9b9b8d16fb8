namespace EdgeGateway.Control.Contract;

/// <summary>A channel's latest reading, as <c>egw watch</c> shows it; value, raw and flag are null before the first poll.</summary>
public sealed record ChannelValue(string Channel, string Code, string Unit, DateTimeOffset? Time, double? Value, double? Raw, string? Flag, string? Reason);
