namespace EdgeGateway.Storage;

/// <summary>The detail of a storage-failure event, appended once the outbox accepts writes again.</summary>
/// <param name="FailedAt">The first failed append.</param>
/// <param name="ResumedAt">The first append that succeeded again.</param>
/// <param name="Failure">The kind of failure (disk-full, io, ...).</param>
/// <param name="Error">SQLite's message for the first failure.</param>
/// <param name="FailedAttempts">Appends that failed in between (first try and retries).</param>
/// <param name="ReadingsHeld">Readings kept in memory meanwhile and stored now.</param>
/// <param name="ReadingsLost">Readings dropped because the memory queue was full (also announced by a buffer-overflow event).</param>
public sealed record StorageFailureDetail(DateTimeOffset FailedAt, DateTimeOffset ResumedAt, OutboxFailureKind Failure, string Error, long FailedAttempts, long ReadingsHeld, long ReadingsLost);
