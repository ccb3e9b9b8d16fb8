using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Splitting;

/// <summary>
/// Collects the packets of split messages (Flag.D = 1, PNUM/PNO) in any arrival order and yields each whole message
/// once every PNO has arrived: the first packet's header with Flag.D cleared, its repeated groups (DataTime …) once,
/// then every packet's factor groups in PNO order. Not thread-safe: one per connection.
/// </summary>
public sealed class Hj212Reassembler
{
    /// <summary>How many incomplete messages are kept by default before the oldest is dropped.</summary>
    public const int DefaultMaxPendingMessages = 64;

    private readonly Dictionary<Hj212ReassemblyKey, Hj212PendingMessage> _pending = [];
    private readonly int _maxPendingMessages;
    private long _arrivals;

    /// <summary>Creates a reassembler.</summary>
    /// <param name="maxPendingMessages">
    /// Bound on incomplete messages held at once, so a sender that never finishes cannot grow memory without end.
    /// </param>
    public Hj212Reassembler(int maxPendingMessages = DefaultMaxPendingMessages)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingMessages);
        _maxPendingMessages = maxPendingMessages;
    }

    /// <summary>Incomplete messages currently held.</summary>
    public int PendingMessageCount => _pending.Count;

    /// <summary>Incomplete messages dropped to stay within the bound.</summary>
    public long EvictedMessageCount { get; private set; }

    /// <summary>Packets refused because their PNO was outside 1..PNUM.</summary>
    public long RejectedPacketCount { get; private set; }

    /// <summary>
    /// Takes one received packet. A packet that is not split comes straight back as <paramref name="message"/>;
    /// a split one comes back as the whole message when it was the last missing part.
    /// </summary>
    /// <returns>True when <paramref name="message"/> holds a whole message.</returns>
    public bool TryAdd(Hj212Packet packet, [NotNullWhen(true)] out Hj212Packet? message)
    {
        ArgumentNullException.ThrowIfNull(packet);
        message = null;
        if (packet.Pnum is not { } pnum)
        {
            message = packet;
            return true;
        }

        if (packet.Pno is not { } pno || pno < 1 || pno > pnum)
        {
            RejectedPacketCount++;
            return false;
        }

        var key = new Hj212ReassemblyKey(packet.Mn, packet.Cn, pnum, packet.Cp.GetValue(Hj212FieldNames.DataTime));
        if (!_pending.TryGetValue(key, out var pending))
        {
            if (_pending.Count >= _maxPendingMessages)
            {
                EvictOldest();
            }

            pending = new Hj212PendingMessage(pnum, _arrivals++);
            _pending.Add(key, pending);
        }

        pending.Add(packet);
        if (!pending.IsComplete)
        {
            return false;
        }

        _pending.Remove(key);
        message = Join(pending.Parts);
        return true;
    }

    /// <summary>Drops every incomplete message (e.g. when the connection closes).</summary>
    public void Clear() => _pending.Clear();

    private void EvictOldest()
    {
        var oldest = _pending.MinBy(entry => entry.Value.FirstArrival).Key;
        _pending.Remove(oldest);
        EvictedMessageCount++;
    }

    private static Hj212Packet Join(IReadOnlyList<Hj212Packet> parts)
    {
        var first = parts[0];
        var firstGroups = first.Cp.Groups;
        var commonCount = Hj212PacketSplitter.CountLeadingCommonGroups(firstGroups);
        var groups = new List<Hj212DataItem[]>();
        foreach (var group in firstGroups)
        {
            groups.Add(group.ToArray());
        }

        for (var p = 1; p < parts.Count; p++)
        {
            var partGroups = parts[p].Cp.Groups;
            var skip = 0;
            while (skip < partGroups.Count && IsRepeatedCommonGroup(partGroups[skip], firstGroups, commonCount))
            {
                skip++;
            }

            for (var g = skip; g < partGroups.Count; g++)
            {
                groups.Add(partGroups[g].ToArray());
            }
        }

        return first with
        {
            Flag = first.Flag?.WithSplit(false),
            Pnum = null,
            Pno = null,
            Cp = new Hj212DataArea(groups.ToArray()),
        };
    }

    private static bool IsRepeatedCommonGroup(
        IReadOnlyList<Hj212DataItem> group,
        IReadOnlyList<IReadOnlyList<Hj212DataItem>> firstGroups,
        int commonCount)
    {
        for (var c = 0; c < commonCount; c++)
        {
            if (group.SequenceEqual(firstGroups[c]))
            {
                return true;
            }
        }

        return false;
    }
}
