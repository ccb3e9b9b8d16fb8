namespace EdgeGateway.Control.Contract;

/// <summary>What <c>egw outbox status</c> shows: the store, what the platform still owes us an acknowledgement for, and losses.</summary>
public sealed record OutboxStatus(
    Guid StoreId,
    string Path,
    long LastSequence,
    long DurableSequence,
    long AcknowledgedPrefix,
    long BacklogRecords,
    long? OldestBacklogSequence,
    DateTimeOffset? OldestBacklogTime,
    long UsedBytes,
    long MaxBytes,
    long RetentionDeleted,
    long EvictedAcknowledged,
    long EvictedUnacknowledged,
    long FailedAppends,
    string? LastFailure,
    long MessagesAcknowledged,
    long MessagesFailed,
    int InFlight);
