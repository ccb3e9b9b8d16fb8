namespace EdgeGateway.Uplink.Commands;

/// <summary>The body of <c>retain-sample</c> (HJ 212 CN 3015): which sampler; optional when the gateway has one.</summary>
public sealed record RetainSampleRequest(string? Device);
