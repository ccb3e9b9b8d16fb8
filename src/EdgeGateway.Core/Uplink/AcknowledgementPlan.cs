using EdgeGateway.Core.Storage;
using EdgeGateway.Core.Uplink.Contract;

namespace EdgeGateway.Core.Uplink;

/// <summary>
/// Which records each message of a batch acknowledges once the broker has it: those of its range that no later
/// message carries. With overlapping messages (payload mode "both") a record thus stays owed until its last message is
/// through, so a failure between the JSON and the HJ 212 message loses neither. <see cref="Uncarried"/> are the
/// entries no message carries (left out on purpose), acknowledged once the whole batch is through.
/// </summary>
internal sealed class AcknowledgementPlan
{
    private AcknowledgementPlan(IReadOnlyList<SequenceRange>[] byMessage, IReadOnlyList<SequenceRange> uncarried)
    {
        ByMessage = byMessage;
        Uncarried = uncarried;
    }

    /// <summary>Per message, in the same order, the ranges it acknowledges.</summary>
    public IReadOnlyList<IReadOnlyList<SequenceRange>> ByMessage { get; }

    public IReadOnlyList<SequenceRange> Uncarried { get; }

    public static AcknowledgementPlan Of(IReadOnlyList<UplinkMessage> messages, IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(entries);
        var carried = new HashSet<long>();
        var byMessage = new IReadOnlyList<SequenceRange>[messages.Count];
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            var range = messages[i].Range;
            var runs = new List<SequenceRange>();
            long? runStart = null;
            for (var sequence = range.First; sequence <= range.Last; sequence++)
            {
                if (carried.Add(sequence))
                {
                    runStart ??= sequence;
                }
                else if (runStart is { } first)
                {
                    runs.Add(new SequenceRange(first, sequence - 1));
                    runStart = null;
                }
            }

            if (runStart is { } open)
            {
                runs.Add(new SequenceRange(open, range.Last));
            }

            byMessage[i] = runs;
        }

        var uncarried = new List<SequenceRange>();
        foreach (var entry in entries)
        {
            if (carried.Contains(entry.Sequence))
            {
                continue;
            }

            if (uncarried.Count > 0 && uncarried[^1].Last + 1 == entry.Sequence)
            {
                uncarried[^1] = new SequenceRange(uncarried[^1].First, entry.Sequence);
            }
            else
            {
                uncarried.Add(new SequenceRange(entry.Sequence, entry.Sequence));
            }
        }

        return new AcknowledgementPlan(byMessage, uncarried);
    }
}
