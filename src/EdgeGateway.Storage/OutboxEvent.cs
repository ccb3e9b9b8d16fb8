using EdgeGateway.Primitives.Events;

namespace EdgeGateway.Storage;

public sealed record OutboxEvent(long Sequence, GatewayEvent Event) : OutboxEntry(Sequence)
{
    public override OutboxRecordKind Kind => OutboxRecordKind.Event;

    public override DateTimeOffset Timestamp => Event.Time;
}
