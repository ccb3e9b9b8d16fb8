namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>An HJ 212 platform that refused connections (its open one cut) from <paramref name="Start"/> to <paramref name="End"/> (faked timeline).</summary>
/// <param name="Platform">The platform's name in gateway.json.</param>
internal sealed record PlatformOutage(string Platform, string Description, DateTimeOffset Start, DateTimeOffset End);
