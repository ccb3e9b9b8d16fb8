namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// What the HJ 212-2025 1001 reports about the data logger's hardware besides its logger ID: the CPU's ID
/// (<c>i23006-Info</c>) and up to two network interfaces' MACs (<c>i23007-Info</c>, <c>i23008-Info</c>). The service
/// reads them once at its start.
/// </summary>
/// <param name="CpuId">The CPU's serial number (or the machine ID where the CPU has none).</param>
/// <param name="FirstMac">The first network interface's MAC, e.g. <c>B8:27:EB:12:34:56</c>.</param>
/// <param name="SecondMac">The second one; null when there is none.</param>
public sealed record PlatformHardwareIdentity(string CpuId, string FirstMac, string? SecondMac = null);
