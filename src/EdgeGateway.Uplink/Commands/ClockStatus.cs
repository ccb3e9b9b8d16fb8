namespace EdgeGateway.Uplink.Commands;

/// <summary>What the gateway knows about its clock, for <c>get-time</c>, the health summary and for refusing <c>set-time</c>.</summary>
/// <param name="Source">
/// Where the gateway's time comes from: <c>system</c> (the operating system's clock, as NTP or nothing keeps it),
/// <c>rtc</c> (set from the DS3231 at start) or <c>platform</c> (set by the platform's <c>set-time</c>).
/// </param>
/// <param name="Synchronized">True when NTP (or another synchroniser) keeps the clock, false when nothing does, null when unknown.</param>
/// <param name="Detail">How that was found out, in words (e.g. the kernel's answer), or null.</param>
/// <param name="Rtc">
/// The DS3231's state when one is configured: <c>ok</c>, <c>lostPower</c> (its oscillator stopped: its time is not
/// trusted until written again) or <c>noAnswer</c>; null when the gateway has no RTC of its own.
/// </param>
/// <param name="RtcDriftSeconds">RTC minus system time (s, ±1: the chip counts whole seconds), last measured while the system clock was synchronised; null before.</param>
/// <param name="Trusted">
/// Whether readings' timestamps come from a trusted source (NTP, a healthy RTC, or the platform); null when the
/// gateway does not judge it (no RTC configured: see docs/data-quality.md).
/// </param>
public sealed record ClockStatus(string Source, bool? Synchronized, string? Detail, string? Rtc = null, double? RtcDriftSeconds = null, bool? Trusted = null);
