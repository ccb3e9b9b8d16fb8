using System.Globalization;
using System.Text;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>
/// Payload mode "both" in miniature, with the ranges readable from every payload: each run of carried entries goes out
/// once on <see cref="WideTopic"/> in messages of <see cref="WideSize"/> records and again on <see cref="NarrowTopic"/>
/// in messages of <see cref="NarrowSize"/>, so messages of different topics overlap without sharing bounds. Entries
/// <see cref="LeavesOut"/> picks go in no message (like events in HJ 212 mode).
/// </summary>
internal sealed class OverlappingTestEncoder : IUplinkEncoder
{
    public const string WideTopic = "wide";
    public const string NarrowTopic = "narrow";
    public const int WideSize = 7;
    public const int NarrowSize = 3;

    public Func<long, bool> LeavesOut { get; init; } = _ => false;

    public IReadOnlyList<UplinkMessage> Encode(IReadOnlyList<OutboxEntry> entries)
    {
        var runs = new List<SequenceRange>();
        foreach (var entry in entries.Where(entry => !LeavesOut(entry.Sequence)))
        {
            if (runs.Count > 0 && runs[^1].Last + 1 == entry.Sequence)
            {
                runs[^1] = new SequenceRange(runs[^1].First, entry.Sequence);
            }
            else
            {
                runs.Add(new SequenceRange(entry.Sequence, entry.Sequence));
            }
        }

        return [.. Messages(runs, WideTopic, WideSize), .. Messages(runs, NarrowTopic, NarrowSize)];
    }

    private static IEnumerable<UplinkMessage> Messages(List<SequenceRange> runs, string topic, int size)
    {
        foreach (var run in runs)
        {
            for (var first = run.First; first <= run.Last; first += size)
            {
                var range = new SequenceRange(first, Math.Min(run.Last, first + size - 1));
                var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"firstSequence":{{range.First}},"lastSequence":{{range.Last}}}"""));
                yield return new UplinkMessage(topic, payload, range, OutboxRecordKind.Reading);
            }
        }
    }
}
