namespace EdgeGateway.Storage;

/// <summary>
/// A set of sequence numbers kept as sorted, disjoint, non-adjacent ranges: the outbox's acknowledged (or evicted)
/// sequences. Acknowledgements arrive out of order (live data first, backlog behind) but coalesce, so the list stays
/// short: the prefix plus a few live islands. Not thread-safe; the outboxes lock around it.
/// </summary>
internal sealed class SequenceRangeSet
{
    private readonly List<SequenceRange> _ranges = [];

    /// <summary>How many sequence numbers the set holds.</summary>
    public long Count { get; private set; }

    /// <summary>Changes with every effective addition, so a writer can tell whether it has stored the current set.</summary>
    public long Version { get; private set; }

    public int RangeCount => _ranges.Count;

    /// <summary>The highest n such that 1..n are all in the set; 0 when 1 is not.</summary>
    public long Prefix => _ranges.Count > 0 && _ranges[0].First == 1 ? _ranges[0].Last : 0;

    public IReadOnlyList<SequenceRange> ToList() => [.. _ranges];

    public bool Contains(long sequence)
    {
        var index = IndexOfFirstEndingAtOrAfter(sequence);
        return index < _ranges.Count && _ranges[index].First <= sequence;
    }

    /// <summary>Adds [first, last]; returns whether the set changed.</summary>
    public bool Add(long first, long last)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);

        // Every range that overlaps or touches [first, last] merges into one.
        var start = IndexOfFirstEndingAtOrAfter(first - 1);
        var end = start;
        long mergedFirst = first, mergedLast = last, absorbed = 0;
        while (end < _ranges.Count && _ranges[end].First <= last + 1)
        {
            mergedFirst = Math.Min(mergedFirst, _ranges[end].First);
            mergedLast = Math.Max(mergedLast, _ranges[end].Last);
            absorbed += _ranges[end].Count;
            end++;
        }

        var merged = new SequenceRange(mergedFirst, mergedLast);
        if (end - start == 1 && _ranges[start] == merged)
        {
            return false;
        }

        _ranges.RemoveRange(start, end - start);
        _ranges.Insert(start, merged);
        Count += merged.Count - absorbed;
        Version++;
        return true;
    }

    /// <summary>The ranges of numbers in (<paramref name="after"/>, <paramref name="upTo"/>] that are not in the set, ascending.</summary>
    public List<SequenceRange> Gaps(long after, long upTo)
    {
        var gaps = new List<SequenceRange>();
        var next = Math.Max(after, 0) + 1;
        for (var index = IndexOfFirstEndingAtOrAfter(next); index < _ranges.Count && next <= upTo; index++)
        {
            var range = _ranges[index];
            if (range.First > next)
            {
                gaps.Add(new SequenceRange(next, Math.Min(range.First - 1, upTo)));
            }

            next = Math.Max(next, range.Last + 1);
        }

        if (next <= upTo)
        {
            gaps.Add(new SequenceRange(next, upTo));
        }

        return gaps;
    }

    /// <summary>The index of the first range whose Last ≥ <paramref name="sequence"/> (binary search); Count when none.</summary>
    private int IndexOfFirstEndingAtOrAfter(long sequence)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ranges[middle].Last < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
