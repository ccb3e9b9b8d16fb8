namespace EdgeGateway.Core.Uplink.Commands;

/// <summary>What the gateway knows about its clock, for <c>get-time</c> and for refusing <c>set-time</c>.</summary>
/// <param name="Source">Where the gateway's time comes from; <c>system</c> (the operating system's clock).</param>
/// <param name="Synchronized">True when NTP (or another synchroniser) keeps the clock, false when nothing does, null when unknown.</param>
/// <param name="Detail">How that was found out, in words (e.g. the kernel's answer), or null.</param>
public sealed record ClockStatus(string Source, bool? Synchronized, string? Detail);
