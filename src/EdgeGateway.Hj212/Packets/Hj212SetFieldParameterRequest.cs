namespace EdgeGateway.Hj212.Packets;

/// <summary>3021: the host sets a field parameter of an instrument; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="PolId">The instrument, by the factor it measures.</param>
/// <param name="InfoId">Which parameter, e.g. <c>i13004</c>.</param>
/// <param name="Value">The value of <c>{InfoId}-Info</c>, as sent, e.g. <c>168.0</c>.</param>
public sealed record Hj212SetFieldParameterRequest(Hj212Packet Packet, string PolId, string InfoId, string Value) : Hj212HostRequest(Packet);
