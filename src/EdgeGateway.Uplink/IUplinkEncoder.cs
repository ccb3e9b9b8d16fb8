using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink;

/// <summary>Turns outbox entries into messages for <see cref="OutboxPublisher"/>.</summary>
/// <remarks>
/// Each message's <see cref="UplinkMessage.Range"/> names exactly the records it carries. Ranges of different messages
/// may overlap (one payload mode beside another); the publisher acknowledges a record once the last message that
/// carries it is through. An entry no message carries was left out on purpose (e.g. events in HJ 212 mode) and is
/// acknowledged once the whole batch is through.
/// </remarks>
public interface IUplinkEncoder
{
    /// <summary>Encodes entries (ascending by sequence) into messages.</summary>
    IReadOnlyList<UplinkMessage> Encode(IReadOnlyList<OutboxEntry> entries);
}
