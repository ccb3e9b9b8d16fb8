using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Storage;

namespace EdgeGateway.Hosting;

/// <summary>
/// Who receives the aggregation's closed records, each in its own typed place, so that no other order compiles: the
/// outbox appender first (the record is queued for the store and the platform), then the alarms, which judge it and
/// queue their events behind it.
/// </summary>
internal sealed record ClosedRecordReceivers(OutboxAppender Store, AlarmStage Alarms)
{
    /// <summary>The receivers in the order <see cref="AggregationStage"/> hands them each record.</summary>
    public IReadOnlyList<IClosedRecordHandler> InOrder() => [Store, Alarms];
}
