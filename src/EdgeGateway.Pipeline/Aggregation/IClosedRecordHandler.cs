namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// What receives the aggregation's records as their windows close: the outbox (to store and publish them) and the
/// alarm stage (to judge them). Handed to <see cref="AggregationStage"/> when it is built, so nothing can close a
/// record before its receivers exist: not even a window restored at start that ended while the gateway was down.
/// </summary>
/// <remarks>Called on the consumer thread (or the constructing thread, for a restored window), oldest record first.</remarks>
public interface IClosedRecordHandler
{
    void OnClosed(IReadOnlyList<AggregateRecord> records);
}
