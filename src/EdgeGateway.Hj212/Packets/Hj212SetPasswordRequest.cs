namespace EdgeGateway.Hj212.Packets;

/// <summary>1072: the host sets a new access password for later packets to it; answer 9011 (with the old PW) then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="NewPassword">
/// <c>NewPW</c>: 1–24 printable ASCII characters without <c>; = &amp; ,</c> (6 in the standard; some provinces use 24).
/// </param>
public sealed record Hj212SetPasswordRequest(Hj212Packet Packet, string NewPassword) : Hj212HostRequest(Packet);
