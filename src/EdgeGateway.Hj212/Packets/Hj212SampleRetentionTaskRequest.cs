namespace EdgeGateway.Hj212.Packets;

/// <summary>3022 (HJ 212-2025, [CY] C62): the host orders an immediate sample-retention task; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="PolId">The instrument (or sampler) by the factor it serves.</param>
public sealed record Hj212SampleRetentionTaskRequest(Hj212Packet Packet, string PolId) : Hj212HostRequest(Packet);
