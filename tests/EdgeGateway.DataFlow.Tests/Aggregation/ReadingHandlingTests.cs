using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>What happens to readings that come late, twice, or for no outlet; when windows close.</summary>
public sealed class ReadingHandlingTests
{
    [Fact]
    public void A_window_waits_the_close_delay_for_readings_still_in_flight()
    {
        var aggregator = Create(TimeSpan.FromSeconds(5), FlueGas());
        Feed(aggregator, Polls(Local(10), Local(10, 1)).Select(time => At(So2, time, 80)));

        // Another bus's reading of 10:00:59 arrives after one of 10:01:03: still in time.
        Assert.Empty(aggregator.Add(At(So2, Local(10, 1, 3), 80)));
        Assert.Empty(aggregator.Add(At(Nox, Local(10, 0, 59), 90)));
        var closed = aggregator.Add(At(So2, Local(10, 1, 5), 80));

        Assert.Equal(1, closed.Single(Nox, AggregatePeriod.Minute).TotalCount);
        Assert.Equal(12, closed.Single(So2, AggregatePeriod.Minute).TotalCount);
        Assert.Equal(0, aggregator.LateReadings);
    }

    [Fact]
    public void Readings_for_a_closed_window_are_counted_late_and_ignored()
    {
        var aggregator = Create(TimeSpan.FromSeconds(5), FlueGas());
        var records = Feed(aggregator, Polls(Local(10), Local(10, 1, 10)).Select(time => At(So2, time, 80)));

        records.AddRange(aggregator.Add(At(GasTemperature, Local(10, 0, 50), 140)));
        records.AddRange(aggregator.Advance(Local(10, 2, 5)));

        Assert.Equal(1, aggregator.LateReadings);
        Assert.All(records.Of(GasTemperature, AggregatePeriod.Minute), minute => Assert.Equal(0, minute.TotalCount));
    }

    [Fact]
    public void Duplicates_and_readings_going_back_in_time_are_counted_and_ignored()
    {
        var aggregator = Create(FlueGas());
        aggregator.Add(At(So2, Local(10, 0, 10), 80));

        aggregator.Add(At(So2, Local(10, 0, 10), 80));
        aggregator.Add(At(So2, Local(10, 0, 5), 80));
        var minute = aggregator.Advance(Local(10, 1)).Single(So2, AggregatePeriod.Minute);

        Assert.Equal(2, aggregator.OutOfOrderReadings);
        Assert.Equal(1, minute.TotalCount);
    }

    [Fact]
    public void Readings_of_no_outlet_are_counted_and_ignored_but_still_tell_the_time()
    {
        var aggregator = Create(FlueGas());
        aggregator.Add(At(So2, Local(10), 80));

        var closed = aggregator.Add(At(Unassigned, Local(10, 1), 180));
        aggregator.Add(At(99, Local(10, 1), 1));
        aggregator.Add(new Reading(So2, Local(10, 1, 5).UtcTicks, 1, 1, (DataFlag)42, FlagReason.None));

        Assert.Equal(3, aggregator.IgnoredReadings);
        Assert.Equal(6, closed.Count); // the 10:00 minute closed on the unassigned channel's timestamp
    }

    [Fact]
    public void Time_never_goes_back()
    {
        var aggregator = Create(FlueGas());
        aggregator.Advance(Local(10, 5));

        Assert.Empty(aggregator.Advance(Local(9)));
        Assert.Equal(Local(10, 5), aggregator.Watermark);
    }

    [Fact]
    public void A_batch_returns_what_all_of_it_closed_in_order()
    {
        var aggregator = Create(Wastewater());
        var batch = Polls(Local(10), Local(10, 3)).Select(time => At(Cod, time, 40)).ToArray();

        var closed = aggregator.Add(batch);

        Assert.Equal([Local(10), Local(10, 1)], closed.Of(Cod, AggregatePeriod.Minute).Select(minute => minute.StartUtc));
    }

    [Fact]
    public void Nothing_closed_returns_the_same_empty_list()
    {
        var aggregator = Create(FlueGas());

        var first = aggregator.Add(At(So2, Local(10), 80));
        var second = aggregator.Add(At(So2, Local(10, 0, 5), 80));

        Assert.Empty(first);
        Assert.Same(first, second);
    }
}
