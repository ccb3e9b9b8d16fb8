namespace EdgeGateway.Storage;

/// <summary>Counters of a <see cref="SqliteOutbox"/> since it was opened.</summary>
/// <param name="Transactions">Append transactions committed.</param>
/// <param name="RecordsAppended">Records committed by them.</param>
/// <param name="FailedAppends">Append transactions that failed (nothing written).</param>
/// <param name="RetentionDeleted">Acknowledged records deleted at the end of their retention.</param>
/// <param name="EvictedAcknowledged">Acknowledged records deleted by the size cap.</param>
/// <param name="EvictedUnacknowledged">Never-delivered records deleted by the size cap (announced).</param>
/// <param name="FailedMaintenance">Maintenance or eviction passes that failed (retried at the next).</param>
/// <param name="LastFailure">The last failure's message, for the status page.</param>
public readonly record struct SqliteOutboxStatistics(
    long Transactions,
    long RecordsAppended,
    long FailedAppends,
    long RetentionDeleted,
    long EvictedAcknowledged,
    long EvictedUnacknowledged,
    long FailedMaintenance,
    string? LastFailure);
