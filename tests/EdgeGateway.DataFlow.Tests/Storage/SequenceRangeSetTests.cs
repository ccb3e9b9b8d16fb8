using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Storage;

public sealed class SequenceRangeSetTests
{
    [Fact]
    public void Ranges_merge_when_they_overlap_or_touch_and_count_each_number_once()
    {
        var set = new SequenceRangeSet();
        set.Add(10, 20);
        set.Add(30, 40);
        set.Add(21, 29); // touches both
        Assert.Equal([new SequenceRange(10, 40)], set.ToList());
        Assert.Equal(31, set.Count);
        Assert.False(set.Add(15, 35)); // inside: no change
        set.Add(5, 50);
        Assert.Equal([new SequenceRange(5, 50)], set.ToList());
        Assert.Equal(46, set.Count);
        Assert.Equal(0, set.Prefix);
        set.Add(1, 4);
        Assert.Equal(50, set.Prefix);
    }

    [Fact]
    public void Gaps_are_the_numbers_missing_between_after_and_up_to()
    {
        var set = new SequenceRangeSet();
        set.Add(3, 5);
        set.Add(9, 9);
        Assert.Equal([new SequenceRange(1, 2), new SequenceRange(6, 8), new SequenceRange(10, 12)], set.Gaps(0, 12));
        Assert.Equal([new SequenceRange(7, 8)], set.Gaps(6, 9));
        Assert.Empty(set.Gaps(9, 9));
    }

    [Fact]
    public void A_random_sequence_of_additions_matches_a_plain_set()
    {
        var random = new Random(42);
        var set = new SequenceRangeSet();
        var plain = new HashSet<long>();
        for (var i = 0; i < 2_000; i++)
        {
            var first = random.Next(1, 500);
            var last = first + random.Next(0, 6);
            set.Add(first, last);
            for (long n = first; n <= last; n++)
            {
                plain.Add(n);
            }
        }

        Assert.Equal(plain.Count, set.Count);
        for (long n = 1; n <= 510; n++)
        {
            Assert.Equal(plain.Contains(n), set.Contains(n));
        }

        var ranges = set.ToList();
        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.Last + 1 < pair.Second.First));
    }
}
