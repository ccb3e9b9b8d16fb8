namespace EdgeGateway.Storage;

/// <summary>One spell of the outbox refusing appends, as the <see cref="OutboxAppender"/> tracks it until it ends.</summary>
internal sealed class StorageOutage(DateTimeOffset failedAt, OutboxFailureKind failure, string error)
{
    public DateTimeOffset FailedAt { get; } = failedAt;

    public OutboxFailureKind Failure { get; } = failure;

    public string Error { get; } = error;

    /// <summary>Appends refused in this spell, the first one included.</summary>
    public long FailedAttempts { get; set; } = 1;

    public long DroppedAggregates { get; set; }

    public long DroppedEvents { get; set; }

    public long ReadingsHeldAtResume { get; set; }

    public long ReadingsLostAtResume { get; set; }
}
