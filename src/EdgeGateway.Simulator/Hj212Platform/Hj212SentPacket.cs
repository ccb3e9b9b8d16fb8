using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>One packet the platform simulator wrote to a logger: a reply (9013/9014) or a host command.</summary>
/// <param name="ConnectionId">The connection it went out on.</param>
/// <param name="SentAt">When it was written.</param>
/// <param name="Packet">What was sent.</param>
/// <param name="InReplyTo">The <see cref="Hj212ReceivedPacket.Sequence"/> it answers; null for a host command.</param>
public sealed record Hj212SentPacket(long ConnectionId, DateTimeOffset SentAt, Hj212Packet Packet, long? InReplyTo);
