namespace EdgeGateway.Hj212.Packets;

/// <summary>1063: the host asks for the minute-data interval; answer 9011, a 1063 with MinInterval, then 9012.</summary>
/// <param name="Packet">The request as received.</param>
public sealed record Hj212GetMinuteIntervalRequest(Hj212Packet Packet) : Hj212HostRequest(Packet);
