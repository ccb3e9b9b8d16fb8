namespace EdgeGateway.Hj212.Packets;

/// <summary>1011: the host asks for a clock; answer 9011, a 1011 with SystemTime, then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="PolId">The instrument whose clock is asked for, or null for the data logger's own.</param>
public sealed record Hj212GetTimeRequest(Hj212Packet Packet, string? PolId) : Hj212HostRequest(Packet);
