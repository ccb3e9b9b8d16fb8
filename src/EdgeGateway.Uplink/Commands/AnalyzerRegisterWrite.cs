namespace EdgeGateway.Uplink.Commands;

/// <summary>A <c>write-register</c> request: holding registers of one analyzer (FC 06 for one value, FC 16 for more).</summary>
/// <param name="Device">The device's name in the site configuration.</param>
/// <param name="Address">The first holding register, 0-based.</param>
/// <param name="Values">The register values, 1 to 123 of them.</param>
public sealed record AnalyzerRegisterWrite(string Device, ushort Address, IReadOnlyList<ushort> Values);
