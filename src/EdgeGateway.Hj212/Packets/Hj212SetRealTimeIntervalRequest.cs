namespace EdgeGateway.Hj212.Packets;

/// <summary>1062: the host sets the real-time data interval; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="IntervalSeconds">The new interval in seconds, within the standard's 30–3600.</param>
public sealed record Hj212SetRealTimeIntervalRequest(Hj212Packet Packet, int IntervalSeconds) : Hj212HostRequest(Packet);
