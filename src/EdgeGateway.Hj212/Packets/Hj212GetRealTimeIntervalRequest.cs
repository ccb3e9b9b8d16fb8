namespace EdgeGateway.Hj212.Packets;

/// <summary>1061: the host asks for the real-time data interval; answer 9011, a 1061 with RtdInterval, then 9012.</summary>
/// <param name="Packet">The request as received.</param>
public sealed record Hj212GetRealTimeIntervalRequest(Hj212Packet Packet) : Hj212HostRequest(Packet);
