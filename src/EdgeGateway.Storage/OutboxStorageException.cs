namespace EdgeGateway.Storage;

/// <summary>
/// The outbox could not store (or read) what it was given. Nothing of the failed call was written and no sequence
/// numbers were used; the caller keeps its records and tries again later (see <see cref="OutboxAppender"/>).
/// </summary>
public sealed class OutboxStorageException : Exception
{
    public OutboxStorageException()
        : this(OutboxFailureKind.Other, "the outbox failed", null)
    {
    }

    public OutboxStorageException(string message)
        : this(OutboxFailureKind.Other, message, null)
    {
    }

    public OutboxStorageException(string message, Exception innerException)
        : this(OutboxFailureKind.Other, message, innerException)
    {
    }

    public OutboxStorageException(OutboxFailureKind failure, string message, Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public OutboxFailureKind Failure { get; }
}
