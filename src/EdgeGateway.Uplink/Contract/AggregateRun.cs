using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// The aggregate records of the batch message being built by one <see cref="UplinkMessageEncoder.Encode"/> call: of
/// one kind (period), consecutive sequences, each already serialized (its size decides where the message ends).
/// </summary>
internal sealed class AggregateRun
{
    private readonly List<byte[]> _items = [];

    public IReadOnlyList<byte[]> Items => _items;

    public int Count => _items.Count;

    public int Bytes { get; private set; }

    public long FirstSequence { get; private set; }

    public long LastSequence { get; private set; }

    public OutboxRecordKind Kind { get; private set; }

    /// <summary>Whether a record of <paramref name="kind"/> with <paramref name="sequence"/> continues this run.</summary>
    public bool Continues(OutboxRecordKind kind, long sequence) => Count > 0 && Kind == kind && LastSequence + 1 == sequence;

    public void Add(OutboxRecordKind kind, long sequence, byte[] item)
    {
        if (_items.Count == 0)
        {
            FirstSequence = sequence;
            Kind = kind;
        }

        LastSequence = sequence;
        Bytes += item.Length;
        _items.Add(item);
    }

    public void Clear()
    {
        _items.Clear();
        Bytes = 0;
    }
}
