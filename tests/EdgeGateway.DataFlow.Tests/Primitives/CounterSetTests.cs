using EdgeGateway.Primitives.Counting;

namespace EdgeGateway.DataFlow.Tests.Primitives;

public sealed class CounterSetTests
{
    private enum Kind
    {
        Sent,
        Lost,
    }

    private enum Gapped
    {
        First = 0,
        Third = 2,
    }

    private enum Wide : long
    {
        Only,
    }

    [Fact]
    public void Counts_each_counter_apart()
    {
        var counters = new CounterSet<Kind>();

        counters.Increment(Kind.Sent);
        counters.Increment(Kind.Sent);
        counters.Add(Kind.Lost, 5);

        Assert.Equal(2, counters[Kind.Sent]);
        Assert.Equal(5, counters[Kind.Lost]);
        Assert.Equal(5, counters.Reset(Kind.Lost));
        Assert.Equal(0, counters[Kind.Lost]);
    }

    [Fact]
    public void Increments_from_many_threads_are_all_counted()
    {
        var counters = new CounterSet<Kind>();

        Parallel.For(0, 100_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => counters.Increment(Kind.Sent));

        Assert.Equal(100_000, counters[Kind.Sent]);
        Assert.Equal(0, counters[Kind.Lost]);
    }

    [Fact]
    public void An_enum_with_gaps_or_not_int_based_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new CounterSet<Gapped>());
        Assert.Throws<ArgumentException>(() => new CounterSet<Wide>());
    }
}
