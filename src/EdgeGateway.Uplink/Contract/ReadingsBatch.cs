using System.Text.Json;

namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// Scratch space of one <see cref="UplinkMessageEncoder.Encode"/> call: the readings of the message being built, each
/// serialized once into <see cref="Items"/> (its size decides where the message ends, its bytes go into the message),
/// and a buffer for the message itself. One per call, so the encoder stays safe to share between threads.
/// </summary>
internal sealed class ReadingsBatch : IDisposable
{
    private readonly List<int> _itemLengths = [];

    /// <param name="capacity">Bytes to start with; the buffers grow as needed.</param>
    public ReadingsBatch(int capacity)
    {
        Items = new PooledBufferWriter(capacity);
        Message = new PooledBufferWriter(capacity);
        ItemWriter = new Utf8JsonWriter(Items);
        MessageWriter = new Utf8JsonWriter(Message);
    }

    /// <summary>Serialized readings, back to back; the current message's start at <see cref="Start"/>.</summary>
    public PooledBufferWriter Items { get; }

    /// <summary>Writes one reading at the end of <see cref="Items"/>; reset it before each.</summary>
    public Utf8JsonWriter ItemWriter { get; }

    /// <summary>The message being written; cleared (with <see cref="MessageWriter"/> reset) before each.</summary>
    public PooledBufferWriter Message { get; }

    public Utf8JsonWriter MessageWriter { get; }

    /// <summary>Where the current message's readings begin in <see cref="Items"/>.</summary>
    public int Start { get; private set; }

    /// <summary>The byte length of each reading of the current message, in order.</summary>
    public IReadOnlyList<int> ItemLengths => _itemLengths;

    public int Count => _itemLengths.Count;

    public long FirstSequence { get; private set; }

    public long LastSequence { get; private set; }

    /// <summary>The reading with <paramref name="sequence"/>, <paramref name="bytes"/> long, joins the current message.</summary>
    public void Add(long sequence, int bytes)
    {
        if (_itemLengths.Count == 0)
        {
            FirstSequence = sequence;
        }

        LastSequence = sequence;
        _itemLengths.Add(bytes);
    }

    /// <summary>The current message is done; the next one's readings begin at <paramref name="start"/>.</summary>
    public void StartNext(int start)
    {
        Start = start;
        _itemLengths.Clear();
    }

    public void Dispose()
    {
        ItemWriter.Dispose();
        MessageWriter.Dispose();
        Items.Dispose();
        Message.Dispose();
    }
}
