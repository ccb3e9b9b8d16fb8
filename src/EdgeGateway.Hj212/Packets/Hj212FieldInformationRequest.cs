namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// 3020: the host asks for one kind of field information of an instrument (state, a parameter, or logs over a time
/// range); answer 9011, n × 3020 with <c>DataTime;PolId;xxx-Info=</c>, then 9012.
/// </summary>
/// <param name="Packet">The request as received.</param>
/// <param name="PolId">The instrument, by the factor it measures.</param>
/// <param name="InfoId">Which information, e.g. <c>i11001</c> (log) or <c>i13004</c>.</param>
/// <param name="BeginTime">Start of the range for logs, or null when the request has none.</param>
/// <param name="EndTime">End of the range for logs; present exactly when <paramref name="BeginTime"/> is.</param>
public sealed record Hj212FieldInformationRequest(Hj212Packet Packet, string PolId, string InfoId, DateTime? BeginTime, DateTime? EndTime)
    : Hj212HostRequest(Packet);
