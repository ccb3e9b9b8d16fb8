namespace EdgeGateway.Storage;

/// <summary>The sequence numbers one committed append transaction gave its records; empty when it had none.</summary>
public readonly record struct OutboxAppendResult(long FirstSequence, long LastSequence)
{
    public static OutboxAppendResult Empty => default;

    public bool IsEmpty => FirstSequence == 0;

    public long Count => IsEmpty ? 0 : LastSequence - FirstSequence + 1;
}
