using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// 2011 or 2021 from the host: start uploading real-time data (every RtdInterval) or equipment run state; answer
/// 9011 then 9012, then upload.
/// </summary>
/// <param name="Packet">The request as received.</param>
/// <param name="Upload"><see cref="Hj212CommandCode.RealTimeData"/> or <see cref="Hj212CommandCode.EquipmentRunState"/>.</param>
public sealed record Hj212StartUploadRequest(Hj212Packet Packet, Hj212CommandCode Upload) : Hj212HostRequest(Packet);
