using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Splitting;

/// <summary>The packets of one split message received so far, indexed by PNO − 1.</summary>
internal sealed class Hj212PendingMessage(int packetCount, long firstArrival)
{
    private readonly Hj212Packet?[] _parts = new Hj212Packet?[packetCount];

    /// <summary>Arrival order of the message's first packet; the oldest message is evicted first.</summary>
    public long FirstArrival { get; } = firstArrival;

    public int ReceivedCount { get; private set; }

    public bool IsComplete => ReceivedCount == _parts.Length;

    /// <summary>Stores a packet; a resent PNO replaces the earlier copy.</summary>
    public void Add(Hj212Packet packet)
    {
        var index = packet.Pno!.Value - 1;
        if (_parts[index] is null)
        {
            ReceivedCount++;
        }

        _parts[index] = packet;
    }

    /// <summary>The packets in PNO order; call only when <see cref="IsComplete"/>.</summary>
    public IReadOnlyList<Hj212Packet> Parts => _parts!;
}
