namespace EdgeGateway.Storage;

/// <summary>Counters of an <see cref="OutboxAppender"/>, safe to read from any thread.</summary>
/// <param name="ReadingsStored">Readings committed to the outbox.</param>
/// <param name="Transactions">Append transactions committed.</param>
/// <param name="FailedAppends">Append attempts the outbox refused (first tries and retries).</param>
/// <param name="ReadingsHeld">Readings in memory now, waiting for the outbox.</param>
/// <param name="ReadingsLost">Readings dropped because the memory queue was full while the outbox failed (announced).</param>
/// <param name="RecordsLost">Aggregate records and events dropped the same way (announced).</param>
/// <param name="FailedMaintenance">Retention, eviction or flush passes that failed.</param>
/// <param name="StorageFailing">The outbox refuses appends now.</param>
/// <param name="LastFailure">The kind of the last failure, if any.</param>
public readonly record struct OutboxAppenderStatistics(
    long ReadingsStored,
    long Transactions,
    long FailedAppends,
    long ReadingsHeld,
    long ReadingsLost,
    long RecordsLost,
    long FailedMaintenance,
    bool StorageFailing,
    OutboxFailureKind? LastFailure);
