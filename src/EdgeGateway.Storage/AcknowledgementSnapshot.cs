namespace EdgeGateway.Storage;

/// <summary>
/// The acknowledged (or evicted) ranges of every destination at one moment, and the version they had then (to tell
/// whether the writer has stored them).
/// </summary>
internal sealed record AcknowledgementSnapshot(IReadOnlyDictionary<string, IReadOnlyList<SequenceRange>> ByDestination, long Version)
{
    /// <summary>The ranges every destination has acknowledged (their intersection), ascending: what is delivered everywhere.</summary>
    public IReadOnlyList<SequenceRange> Delivered()
    {
        IReadOnlyList<SequenceRange>? delivered = null;
        foreach (var ranges in ByDestination.Values)
        {
            delivered = delivered is null ? ranges : Intersect(delivered, ranges);
        }

        return delivered ?? [];
    }

    private static List<SequenceRange> Intersect(IReadOnlyList<SequenceRange> left, IReadOnlyList<SequenceRange> right)
    {
        var both = new List<SequenceRange>();
        int l = 0, r = 0;
        while (l < left.Count && r < right.Count)
        {
            var first = Math.Max(left[l].First, right[r].First);
            var last = Math.Min(left[l].Last, right[r].Last);
            if (first <= last)
            {
                both.Add(new SequenceRange(first, last));
            }

            if (left[l].Last < right[r].Last)
            {
                l++;
            }
            else
            {
                r++;
            }
        }

        return both;
    }
}
