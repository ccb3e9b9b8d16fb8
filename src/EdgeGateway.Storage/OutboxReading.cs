using EdgeGateway.Pipeline;

namespace EdgeGateway.Storage;

public sealed record OutboxReading(long Sequence, Reading Reading) : OutboxEntry(Sequence)
{
    public override OutboxRecordKind Kind => OutboxRecordKind.Reading;

    public override DateTimeOffset Timestamp => Reading.Timestamp;
}
