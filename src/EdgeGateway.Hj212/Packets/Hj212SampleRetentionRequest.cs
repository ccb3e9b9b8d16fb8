namespace EdgeGateway.Hj212.Packets;

/// <summary>3015: the host orders over-limit sample retention; answer 9011, a 3015 with DataTime and VaseNo, then 9012.</summary>
/// <param name="Packet">The request as received.</param>
public sealed record Hj212SampleRetentionRequest(Hj212Packet Packet) : Hj212HostRequest(Packet);
