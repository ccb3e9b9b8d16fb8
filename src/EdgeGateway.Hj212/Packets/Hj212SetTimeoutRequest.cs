namespace EdgeGateway.Hj212.Packets;

/// <summary>1000: the host sets the reply timeout and the resend count of this connection; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="OverTimeSeconds"><c>OverTime</c>: seconds to wait for a reply, 1–99 (Table 4: 0 &lt; n ≤ 99).</param>
/// <param name="ReCount"><c>ReCount</c>: resends of an unanswered packet, 1–99.</param>
public sealed record Hj212SetTimeoutRequest(Hj212Packet Packet, int OverTimeSeconds, int ReCount) : Hj212HostRequest(Packet);
