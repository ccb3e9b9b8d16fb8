namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// A host request the gateway answers, decoded from its packet by <see cref="Hj212HostRequestDecoder"/>.
/// Switch on the concrete type to handle it; <see cref="Packet"/> is there to build the replies (they echo its QN).
/// </summary>
/// <param name="Packet">The request as received.</param>
public abstract record Hj212HostRequest(Hj212Packet Packet);
