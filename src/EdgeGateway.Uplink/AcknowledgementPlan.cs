using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink;

/// <summary>
/// Which records of one batch may be acknowledged in the outbox as the broker acknowledges the batch's messages, in
/// whatever order the PUBACKs come: a record once every message carrying it is through. With overlapping messages
/// (payload mode "both") a record thus stays owed until both its JSON and its HJ 212 message are through, so a failure
/// of either loses neither. <see cref="Uncarried"/> are the entries no message carries (left out on purpose, e.g.
/// events in HJ 212 mode): they are released with the last message of the batch.
/// </summary>
/// <remarks>
/// The message ranges cut the batch's sequences into disjoint segments, each with the number of messages carrying
/// it; a PUBACK counts down the segments of its message. The work is per message and segment, not per record.
/// <see cref="Acknowledge"/> may be called from any thread.
/// </remarks>
internal sealed class AcknowledgementPlan
{
    private readonly Lock _gate = new();
    private readonly SequenceRange[] _segments;
    private readonly int[] _carriersLeft;
    private readonly int[][] _segmentsByMessage;
    private readonly bool[] _acknowledged;
    private int _messagesLeft;

    private AcknowledgementPlan(SequenceRange[] segments, int[] carriers, int[][] segmentsByMessage, IReadOnlyList<SequenceRange> uncarried)
    {
        _segments = segments;
        _carriersLeft = carriers;
        _segmentsByMessage = segmentsByMessage;
        _acknowledged = new bool[segmentsByMessage.Length];
        _messagesLeft = segmentsByMessage.Length;
        Uncarried = uncarried;
    }

    /// <summary>The messages of the batch.</summary>
    public int MessageCount => _segmentsByMessage.Length;

    /// <summary>Entries no message carries; with no message at all, the caller acknowledges them at once.</summary>
    public IReadOnlyList<SequenceRange> Uncarried { get; }

    public static AcknowledgementPlan Of(IReadOnlyList<UplinkMessage> messages, IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(entries);

        // Every place where some message's coverage starts or stops; between two neighbours the carriers are the same.
        var bounds = new List<long>(messages.Count * 2);
        foreach (var message in messages)
        {
            bounds.Add(message.Range.First);
            bounds.Add(message.Range.Last + 1);
        }

        bounds.Sort();
        var cuts = new List<long>(bounds.Count);
        foreach (var bound in bounds)
        {
            if (cuts.Count == 0 || cuts[^1] != bound)
            {
                cuts.Add(bound);
            }
        }

        // Candidate segment k is [cuts[k], cuts[k + 1] - 1]; count its carriers and keep the carried ones.
        var carriersOfCandidate = new int[Math.Max(0, cuts.Count - 1)];
        var candidatesByMessage = new (int First, int Last)[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var first = cuts.BinarySearch(messages[i].Range.First);
            var end = cuts.BinarySearch(messages[i].Range.Last + 1);
            candidatesByMessage[i] = (first, end - 1);
            for (var k = first; k < end; k++)
            {
                carriersOfCandidate[k]++;
            }
        }

        var segmentOfCandidate = new int[carriersOfCandidate.Length];
        var segments = new List<SequenceRange>();
        var carriers = new List<int>();
        for (var k = 0; k < carriersOfCandidate.Length; k++)
        {
            segmentOfCandidate[k] = -1;
            if (carriersOfCandidate[k] > 0)
            {
                segmentOfCandidate[k] = segments.Count;
                segments.Add(new SequenceRange(cuts[k], cuts[k + 1] - 1));
                carriers.Add(carriersOfCandidate[k]);
            }
        }

        var segmentsByMessage = new int[messages.Count][];
        for (var i = 0; i < messages.Count; i++)
        {
            var (first, last) = candidatesByMessage[i];
            var own = new int[last - first + 1];
            for (var k = first; k <= last; k++)
            {
                own[k - first] = segmentOfCandidate[k];
            }

            segmentsByMessage[i] = own;
        }

        return new AcknowledgementPlan([.. segments], [.. carriers], segmentsByMessage, UncarriedOf(entries, segments));
    }

    /// <summary>
    /// The broker acknowledged message <paramref name="message"/>: returns the ranges that no other message still owes,
    /// and with the batch's last message also <see cref="Uncarried"/> (adjacent ones joined). A repeat
    /// returns nothing.
    /// </summary>
    public IReadOnlyList<SequenceRange> Acknowledge(int message)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(message);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(message, MessageCount);
        lock (_gate)
        {
            if (_acknowledged[message])
            {
                return [];
            }

            _acknowledged[message] = true;
            var released = new List<SequenceRange>();
            foreach (var segment in _segmentsByMessage[message])
            {
                if (--_carriersLeft[segment] > 0)
                {
                    continue;
                }

                AddMerged(released, _segments[segment]);
            }

            if (--_messagesLeft == 0)
            {
                foreach (var range in Uncarried)
                {
                    AddMerged(released, range);
                }
            }

            return released;
        }
    }

    // A range that continues the last one is joined to it: fewer, larger acknowledgements.
    private static void AddMerged(List<SequenceRange> ranges, SequenceRange range)
    {
        if (ranges.Count > 0 && ranges[^1].Last + 1 == range.First)
        {
            ranges[^1] = new SequenceRange(ranges[^1].First, range.Last);
        }
        else
        {
            ranges.Add(range);
        }
    }

    // Entries (ascending) outside every segment (ascending, disjoint), as runs of consecutive sequences.
    private static List<SequenceRange> UncarriedOf(IReadOnlyList<OutboxEntry> entries, List<SequenceRange> segments)
    {
        var uncarried = new List<SequenceRange>();
        var segment = 0;
        foreach (var entry in entries)
        {
            var sequence = entry.Sequence;
            while (segment < segments.Count && segments[segment].Last < sequence)
            {
                segment++;
            }

            if (segment < segments.Count && segments[segment].First <= sequence)
            {
                continue;
            }

            if (uncarried.Count > 0 && uncarried[^1].Last + 1 == sequence)
            {
                uncarried[^1] = new SequenceRange(uncarried[^1].First, sequence);
            }
            else
            {
                uncarried.Add(new SequenceRange(sequence, sequence));
            }
        }

        return uncarried;
    }
}
