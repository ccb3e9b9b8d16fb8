namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>An analyzer that stopped answering from <paramref name="Start"/> to <paramref name="End"/> (faked timeline).</summary>
/// <param name="Device">The device name in gateway.json, the prefix of its channels and the <c>source</c> of its comm events (or <paramref name="Bus"/>).</param>
internal sealed record AnalyzerOutage(string Device, string Bus, string Description, DateTimeOffset Start, DateTimeOffset End);
