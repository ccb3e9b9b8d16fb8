using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// 3012 immediate sampling, 3013 cleaning / blow-back, 3014 comparison sampling, 3024 (2025) standard check: the host
/// starts a routine of one instrument; answer 9011 then 9012.
/// </summary>
/// <param name="Packet">The request as received.</param>
/// <param name="Routine">
/// <see cref="Hj212CommandCode.ImmediateSampling"/>, <see cref="Hj212CommandCode.StartCleaning"/>,
/// <see cref="Hj212CommandCode.ComparisonSampling"/> or <see cref="Hj212CommandCode.StartStandardCheck"/>.
/// </param>
/// <param name="PolId">The instrument, by the factor it measures.</param>
public sealed record Hj212InstrumentRoutineRequest(Hj212Packet Packet, Hj212CommandCode Routine, string PolId) : Hj212HostRequest(Packet);
