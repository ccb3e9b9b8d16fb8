namespace EdgeGateway.Hj212.Packets;

/// <summary>3019: the host asks for an instrument's ID; answer 9011, a 3019 with <c>PolId;xxx-SN=</c>, then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="PolId">The instrument, by the factor it measures.</param>
public sealed record Hj212InstrumentIdRequest(Hj212Packet Packet, string PolId) : Hj212HostRequest(Packet);
