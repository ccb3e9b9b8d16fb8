using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// 2051/2061/2031 with BeginTime and EndTime: the host asks for stored minute, hourly or daily data; likewise 2041
/// (equipment daily run time) and, in HJ 212-2025, 2013 (raw data) and 2062 (standard-check data). Answer 9011, one
/// upload per record in the range (inclusive), then 9012 (<c>ExeRtn=100</c> when there is none).
/// </summary>
/// <param name="Packet">The request as received.</param>
/// <param name="DataKind">
/// Which data: <see cref="Hj212CommandCode.MinuteData"/>, <see cref="Hj212CommandCode.HourData"/>,
/// <see cref="Hj212CommandCode.DayData"/>, <see cref="Hj212CommandCode.EquipmentDayRunTime"/>,
/// <see cref="Hj212CommandCode.RawData"/> or <see cref="Hj212CommandCode.StandardCheckData"/>.
/// </param>
/// <param name="BeginTime">Start of the range, site-local as sent.</param>
/// <param name="EndTime">End of the range, site-local as sent.</param>
public sealed record Hj212HistoryDataRequest(Hj212Packet Packet, Hj212CommandCode DataKind, DateTime BeginTime, DateTime EndTime)
    : Hj212HostRequest(Packet);
