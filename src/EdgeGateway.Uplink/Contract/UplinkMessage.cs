using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Contract;

/// <summary>An encoded message ready to publish, with the outbox range it carries.</summary>
/// <param name="TopicSuffix">The topic below the root, e.g. <c>readings</c>.</param>
/// <param name="Payload">The UTF-8 JSON body.</param>
/// <param name="Range">The sequences it carries, all of them and only them.</param>
/// <param name="Kind">The kind of every record in it.</param>
public sealed record UplinkMessage(string TopicSuffix, byte[] Payload, SequenceRange Range, OutboxRecordKind Kind);
