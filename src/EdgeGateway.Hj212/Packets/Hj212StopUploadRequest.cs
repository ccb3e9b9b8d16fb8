using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// 2012 or 2022 from the host: stop the real-time or run-state upload. A notification: answer 9013 only (no 9011/9012).
/// </summary>
/// <param name="Packet">The notification as received.</param>
/// <param name="Upload">The upload to stop: <see cref="Hj212CommandCode.RealTimeData"/> or <see cref="Hj212CommandCode.EquipmentRunState"/>.</param>
public sealed record Hj212StopUploadRequest(Hj212Packet Packet, Hj212CommandCode Upload) : Hj212HostRequest(Packet);
