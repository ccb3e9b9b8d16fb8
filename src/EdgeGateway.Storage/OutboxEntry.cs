namespace EdgeGateway.Storage;

/// <summary>One record read back from the outbox with its gateway-wide sequence number.</summary>
/// <remarks>Match on the three sealed kinds: <see cref="OutboxReading"/>, <see cref="OutboxAggregate"/>, <see cref="OutboxEvent"/>.</remarks>
public abstract record OutboxEntry(long Sequence)
{
    public abstract OutboxRecordKind Kind { get; }

    /// <summary>The record's own time: the poll time, the window start, or the event time.</summary>
    public abstract DateTimeOffset Timestamp { get; }
}
