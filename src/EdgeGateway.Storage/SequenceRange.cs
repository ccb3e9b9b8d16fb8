namespace EdgeGateway.Storage;

/// <summary>An inclusive range of outbox sequence numbers, <see cref="First"/> ≤ <see cref="Last"/>.</summary>
public readonly record struct SequenceRange
{
    public SequenceRange(long first, long last)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        First = first;
        Last = last;
    }

    public long First { get; }

    public long Last { get; }

    public long Count => Last - First + 1;

    public bool Contains(long sequence) => sequence >= First && sequence <= Last;

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}
