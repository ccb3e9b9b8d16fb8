using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink;

/// <summary>
/// Records read from the outbox in one step, encoded: the messages, how their PUBACKs acknowledge the records, and the
/// last sequence read (where the stream's cursor goes once every message is out).
/// </summary>
internal sealed record EncodedBatch(IReadOnlyList<UplinkMessage> Messages, AcknowledgementPlan Plan, long LastSequence);
