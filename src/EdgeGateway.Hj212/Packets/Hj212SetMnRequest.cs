namespace EdgeGateway.Hj212.Packets;

/// <summary>1002 (HJ 212-2025): the host sets the data logger's MN (<c>i23005-Info</c>); answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="Mn">
/// The new MN: 1–24 ASCII letters, digits, <c>_</c> or <c>-</c>. The 2025 text wants 24 characters 0-9A-F, but the
/// field uses other shapes (hj212-reference.md §10), so the decoder only refuses what could not be a header value.
/// </param>
public sealed record Hj212SetMnRequest(Hj212Packet Packet, string Mn) : Hj212HostRequest(Packet);
