namespace EdgeGateway.Uplink.Commands;

/// <summary>The result of <c>write-register</c>: what the analyzer confirmed.</summary>
public sealed record WriteRegisterResult(string Device, int Address, int Count);
