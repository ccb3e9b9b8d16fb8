namespace EdgeGateway.Uplink.Commands;

/// <summary>The result of <c>get-time</c>.</summary>
/// <param name="Time">The gateway's UTC time.</param>
/// <param name="Source">Where it comes from: <c>system</c>.</param>
/// <param name="Synchronized">Whether NTP keeps the clock; absent when unknown.</param>
/// <param name="Detail">How that was found out.</param>
public sealed record TimeResult(string Time, string Source, bool? Synchronized, string? Detail);
