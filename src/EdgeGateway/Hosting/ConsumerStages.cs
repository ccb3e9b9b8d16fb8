using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;

namespace EdgeGateway.Hosting;

/// <summary>
/// What the ring's consumer hands every batch and tick to, each in its own typed place, so that no other order
/// compiles: the latest values; the aggregation, which closes windows and hands the records on
/// (<see cref="ClosedRecordReceivers"/>); the state files, which then retry what the aggregation and the alarms could
/// not write; and last the heartbeat, which says the consumer went all the way round. The outbox appender comes after
/// all of them, as the consumer's store.
/// </summary>
internal sealed record ConsumerStages(LatestReadings Latest, AggregationStage Aggregation, StateFiles StateFiles, PipelineHeartbeat Heartbeat)
{
    /// <summary>The stages in the order <see cref="ReadingConsumer"/> calls them.</summary>
    public IReadOnlyList<IReadingBatchHandler> InOrder() => [Latest, Aggregation, StateFiles, Heartbeat];
}
