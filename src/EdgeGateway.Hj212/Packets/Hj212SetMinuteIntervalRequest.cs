namespace EdgeGateway.Hj212.Packets;

/// <summary>1064: the host sets the minute-data interval; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="IntervalMinutes">The new interval: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 minutes (they divide an hour).</param>
public sealed record Hj212SetMinuteIntervalRequest(Hj212Packet Packet, int IntervalMinutes) : Hj212HostRequest(Packet);
