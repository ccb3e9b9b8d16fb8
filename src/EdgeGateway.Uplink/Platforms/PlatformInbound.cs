using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>A packet from the platform for the request handler; <paramref name="CrcFailed"/>: its CRC did not match (answer QnRtn=9, execute nothing).</summary>
internal sealed record PlatformInbound(Hj212Packet Packet, bool CrcFailed);
