namespace EdgeGateway.Hj212.Packets;

/// <summary>1062: the host sets the real-time data interval; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="IntervalSeconds">
/// The new interval in seconds. The standard's range is 30–3600; the decoder only requires a positive number
/// so the gateway can decide (and answer ExeRtn 3) itself.
/// </param>
public sealed record Hj212SetRealTimeIntervalRequest(Hj212Packet Packet, int IntervalSeconds) : Hj212HostRequest(Packet);
