namespace EdgeGateway.Uplink.Commands;

/// <summary>The result of <c>ping</c>.</summary>
/// <param name="Time">The gateway's UTC time.</param>
/// <param name="Version">The software version.</param>
/// <param name="StartedAt">When the gateway process started (UTC), if known.</param>
/// <param name="UptimeSeconds">Seconds since then, if known.</param>
public sealed record PingResult(string Time, string Version, string? StartedAt, long? UptimeSeconds);
