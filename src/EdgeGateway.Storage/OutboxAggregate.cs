using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Storage;

public sealed record OutboxAggregate(long Sequence, AggregateRecord Record) : OutboxEntry(Sequence)
{
    public override OutboxRecordKind Kind => Record.Period switch
    {
        AggregatePeriod.Minute => OutboxRecordKind.MinuteRecord,
        AggregatePeriod.Hour => OutboxRecordKind.HourRecord,
        _ => OutboxRecordKind.DayRecord,
    };

    public override DateTimeOffset Timestamp => Record.StartUtc;
}
