using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Splitting;

/// <summary>
/// One splitting job: packs the message's factor groups into packets for a given width of PNUM/PNO, and builds the
/// packets once a width fits. QNs are drawn once and reused if a wider PNUM forces a second packing.
/// </summary>
internal sealed class SplitLayout
{
    // "CP=&&" + "&&": what an empty data area costs.
    private const int EmptyCpBytes = 7;

    private readonly Hj212Packet _message;
    private readonly Func<string> _nextQn;
    private readonly int _commonCount;
    private readonly int _commonBytes;
    private readonly int _maxDataSegmentBytes;
    private readonly int _maxCpBytes;
    private readonly Hj212Flag _splitFlag;
    private readonly List<string> _qns = [];

    public SplitLayout(Hj212Packet message, Func<string> nextQn, int commonCount, int maxDataSegmentBytes, int maxCpBytes)
    {
        _message = message;
        _nextQn = nextQn;
        _commonCount = commonCount;
        _maxDataSegmentBytes = maxDataSegmentBytes;
        _maxCpBytes = maxCpBytes;
        _splitFlag = (message.Flag ?? new Hj212Flag(0)).WithSplit(true);
        var commonBytes = commonCount > 0 ? commonCount - 1 : 0;
        for (var g = 0; g < commonCount; g++)
        {
            commonBytes += Hj212PacketSplitter.GroupBytes(message.Cp.Groups[g]);
        }

        _commonBytes = commonBytes;
    }

    /// <summary>The factor groups of each packet, or null when more packets are needed than the width can number.</summary>
    public List<List<Hj212DataItem[]>>? TryPack(int digits)
    {
        var maxPackets = digits >= 4 ? Hj212Limits.MaxPacketCount : (int)Math.Pow(10, digits) - 1;
        var groups = _message.Cp.Groups;
        var parts = new List<List<Hj212DataItem[]>>();
        var current = new List<Hj212DataItem[]>();
        var header = HeaderBytes(parts.Count, digits);
        var cp = EmptyCpBytes + _commonBytes;

        var next = _commonCount;
        Hj212DataItem[]? carry = null;
        while (carry is not null || next < groups.Count)
        {
            var group = carry ?? groups[next++].ToArray();
            carry = null;
            if (group.Length == 0)
            {
                continue;
            }

            var groupBytes = Hj212PacketSplitter.GroupBytes(group);
            if (Fits(header, cp + Separator(current) + groupBytes))
            {
                cp += Separator(current) + groupBytes;
                current.Add(group);
                continue;
            }

            if (current.Count > 0)
            {
                parts.Add(current);
                current = [];
                header = HeaderBytes(parts.Count, digits);
                cp = EmptyCpBytes + _commonBytes;
                if (Fits(header, cp + Separator(current) + groupBytes))
                {
                    cp += Separator(current) + groupBytes;
                    current.Add(group);
                    continue;
                }
            }

            // The group alone is larger than a packet: cut it between items.
            var take = 0;
            var prefixBytes = 0;
            while (take < group.Length)
            {
                var itemBytes = Hj212PacketSplitter.ItemBytes(group[take]) + (take > 0 ? 1 : 0);
                if (!Fits(header, cp + Separator(current) + prefixBytes + itemBytes))
                {
                    break;
                }

                prefixBytes += itemBytes;
                take++;
            }

            if (take == 0)
            {
                throw new ArgumentException(
                    $"CP item '{group[0].Name}' is {Hj212PacketSplitter.ItemBytes(group[0])} bytes, too long for any packet");
            }

            current.Add(group[..take]);
            parts.Add(current);
            current = [];
            header = HeaderBytes(parts.Count, digits);
            cp = EmptyCpBytes + _commonBytes;
            carry = group[take..];
        }

        if (current.Count > 0)
        {
            parts.Add(current);
        }

        return parts.Count <= maxPackets ? parts : null;
    }

    public IReadOnlyList<Hj212Packet> Build(List<List<Hj212DataItem[]>> parts)
    {
        var common = _message.Cp.Groups.Take(_commonCount).Select(group => group.ToArray()).ToArray();
        var packets = new Hj212Packet[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var groups = new Hj212DataItem[common.Length + parts[i].Count][];
            common.CopyTo(groups, 0);
            parts[i].CopyTo(groups, common.Length);
            var packet = _message with
            {
                Qn = QnFor(i),
                Flag = _splitFlag,
                Pnum = parts.Count,
                Pno = i + 1,
                Cp = new Hj212DataArea(groups),
            };
            var size = Hj212FrameEncoder.Measure(packet);
            if (size.DataSegmentBytes > _maxDataSegmentBytes || size.CpBytes > _maxCpBytes)
            {
                throw new InvalidOperationException(
                    $"split packet {i + 1} measures {size.DataSegmentBytes}/{size.CpBytes} bytes; the packing is wrong");
            }

            packets[i] = packet;
        }

        return packets;
    }

    private bool Fits(int headerBytes, int cpBytes) =>
        headerBytes + cpBytes <= _maxDataSegmentBytes && cpBytes <= _maxCpBytes;

    private int Separator(List<Hj212DataItem[]> current) => _commonCount + current.Count > 0 ? 1 : 0;

    /// <summary>Bytes before <c>CP=</c> for packet <paramref name="index"/>, PNUM and PNO written with <paramref name="digits"/> digits.</summary>
    private int HeaderBytes(int index, int digits)
    {
        var widest = (int)Math.Pow(10, digits - 1);
        var probe = _message with
        {
            Qn = QnFor(index),
            Flag = _splitFlag,
            Pnum = widest,
            Pno = widest,
            Cp = Hj212DataArea.Empty,
        };
        return Hj212FrameEncoder.Measure(probe).DataSegmentBytes - EmptyCpBytes;
    }

    private string QnFor(int index)
    {
        while (_qns.Count <= index)
        {
            _qns.Add(_nextQn());
        }

        return _qns[index];
    }
}
