namespace EdgeGateway.Hj212.Packets;

/// <summary>1012: the host sets a clock; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="PolId">The instrument whose clock is set, or null for the data logger's own.</param>
/// <param name="SystemTime">The time to set, site-local as sent.</param>
public sealed record Hj212SetTimeRequest(Hj212Packet Packet, string? PolId, DateTime SystemTime) : Hj212HostRequest(Packet);
