using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>One logical packet for the platform (its parts when split) and the outbox records it carries.</summary>
/// <param name="Frames">The frames to send in order; each waits for its own 9014 when replies are wanted.</param>
/// <param name="Acknowledged">
/// The records acknowledged for the platform once every frame is through: the packet's range, or for a MinInterval
/// window exactly its 1-minute records' sequences (a range over them could cover records the other stream still owes).
/// </param>
/// <param name="FromBacklog">Sent after an outage (2025: the frames carry RF=1).</param>
internal sealed record PlatformUpload(IReadOnlyList<byte[]> Frames, IReadOnlyList<SequenceRange> Acknowledged, bool FromBacklog)
{
    /// <summary>The MinInterval window the upload carries; null for any other upload.</summary>
    public MinuteIntervalWindow? MinuteWindow { get; init; }

    /// <summary>How many outbox records the upload acknowledges.</summary>
    public long RecordCount => Acknowledged.Sum(range => range.Count);

    /// <summary>Ascending sequences as the fewest ranges of consecutive ones.</summary>
    public static List<SequenceRange> RangesOf(IEnumerable<long> sequences)
    {
        var sorted = sequences.Distinct().Order().ToList();
        var ranges = new List<SequenceRange>();
        var index = 0;
        while (index < sorted.Count)
        {
            var first = sorted[index];
            var last = first;
            while (index + 1 < sorted.Count && sorted[index + 1] == last + 1)
            {
                last = sorted[++index];
            }

            ranges.Add(new SequenceRange(first, last));
            index++;
        }

        return ranges;
    }
}
