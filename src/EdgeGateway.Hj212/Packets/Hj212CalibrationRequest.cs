namespace EdgeGateway.Hj212.Packets;

/// <summary>3011: the host starts a zero or span calibration of an instrument; answer 9011 then 9012.</summary>
/// <param name="Packet">The request as received.</param>
/// <param name="PolId">The instrument, by the factor it measures.</param>
/// <param name="CalibrationType">HJ 212-2025's <c>CalibrationType</c>; null in 2017 requests, which have none.</param>
public sealed record Hj212CalibrationRequest(Hj212Packet Packet, string PolId, Hj212CalibrationType? CalibrationType) : Hj212HostRequest(Packet);
