using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// 2051/2061/2031 with BeginTime and EndTime: the host asks for stored minute, hourly or daily data. Answer 9011,
/// one upload per record in the range, then 9012.
/// </summary>
/// <param name="Packet">The request as received.</param>
/// <param name="DataKind">Which data: <see cref="Hj212CommandCode.MinuteData"/>, <see cref="Hj212CommandCode.HourData"/> or <see cref="Hj212CommandCode.DayData"/>.</param>
/// <param name="BeginTime">Start of the range, site-local as sent.</param>
/// <param name="EndTime">End of the range, site-local as sent.</param>
public sealed record Hj212HistoryDataRequest(Hj212Packet Packet, Hj212CommandCode DataKind, DateTime BeginTime, DateTime EndTime)
    : Hj212HostRequest(Packet);
