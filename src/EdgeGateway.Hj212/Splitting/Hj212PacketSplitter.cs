using System.Text;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Splitting;

/// <summary>
/// Spreads a message too long for one packet over several (HJ 212-2017 C.49/C.50): Flag.D = 1, PNUM/PNO, a new QN
/// per packet, and the leading groups without factor fields (DataTime, PolId …) repeated in every packet. Factor
/// groups are kept whole and packed greedily; a single group larger than a packet is cut between items.
/// </summary>
public static class Hj212PacketSplitter
{
    private const int MaxPacketNumberDigits = 4;

    /// <summary>Splits <paramref name="message"/> so every packet fits the sender's limits (1024 / 950 bytes).</summary>
    /// <param name="message">The whole message; returned alone and unchanged when it already fits.</param>
    /// <param name="nextQn">Gives each packet its own QN, e.g. <see cref="Hj212QnClock.Next"/>.</param>
    /// <exception cref="ArgumentException">The message is already split, or cannot be split (an item alone is too long).</exception>
    public static IReadOnlyList<Hj212Packet> Split(Hj212Packet message, Func<string> nextQn) =>
        Split(message, nextQn, Hj212Limits.MaxDataSegmentBytes, Hj212Limits.MaxCpBytes);

    /// <summary>Splits <paramref name="message"/> so every packet fits the given limits.</summary>
    /// <param name="message">The whole message; returned alone and unchanged when it already fits.</param>
    /// <param name="nextQn">Gives each packet its own QN.</param>
    /// <param name="maxDataSegmentBytes">Largest data segment per packet.</param>
    /// <param name="maxCpBytes">Largest <c>CP=&amp;&amp;…&amp;&amp;</c> field per packet.</param>
    /// <exception cref="ArgumentException">The message is already split, or cannot be split within these limits.</exception>
    public static IReadOnlyList<Hj212Packet> Split(Hj212Packet message, Func<string> nextQn, int maxDataSegmentBytes, int maxCpBytes)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(nextQn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDataSegmentBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCpBytes);

        var size = Hj212FrameEncoder.Measure(message);
        if (size.DataSegmentBytes <= maxDataSegmentBytes && size.CpBytes <= maxCpBytes)
        {
            return [message];
        }

        if (message.Pnum is not null || message.Pno is not null)
        {
            throw new ArgumentException("the message is already one packet of a split message", nameof(message));
        }

        var groups = message.Cp.Groups;
        var commonCount = CountLeadingCommonGroups(groups);
        if (commonCount == groups.Count)
        {
            throw new ArgumentException("the message has no factor groups to spread over packets", nameof(message));
        }

        var layout = new SplitLayout(message, nextQn, commonCount, maxDataSegmentBytes, maxCpBytes);
        for (var digits = 1; digits <= MaxPacketNumberDigits; digits++)
        {
            var parts = layout.TryPack(digits);
            if (parts is not null)
            {
                return layout.Build(parts);
            }
        }

        throw new ArgumentException($"the message needs more than {Hj212Limits.MaxPacketCount} packets", nameof(message));
    }

    /// <summary>How many leading groups carry no factor field; they are repeated in every packet.</summary>
    internal static int CountLeadingCommonGroups(IReadOnlyList<IReadOnlyList<Hj212DataItem>> groups)
    {
        var count = 0;
        while (count < groups.Count && !groups[count].Any(item => Hj212FieldNames.IsFactorField(item.Name)))
        {
            count++;
        }

        return count;
    }

    internal static int GroupBytes(IReadOnlyList<Hj212DataItem> group)
    {
        var bytes = group.Count > 0 ? group.Count - 1 : 0;
        foreach (var item in group)
        {
            bytes += ItemBytes(item);
        }

        return bytes;
    }

    internal static int ItemBytes(Hj212DataItem item) =>
        Encoding.UTF8.GetByteCount(item.Name) + 1 + Encoding.UTF8.GetByteCount(item.Value);
}
