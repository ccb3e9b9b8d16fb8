using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>
/// A rate channel with a totaliser (profile <c>totalOf</c>): its minute Cou is the counter's increase over the minute
/// (HJ 212 Annex D.1: totaliser differences instead of Q × Δt), the integral of the rate when the increase is not known.
/// Polls every 5 s.
/// </summary>
public sealed class TotaliserCouTests
{
    private const int Flow = 0;
    private const int FlowTotal = 1;
    private const int Particulate = 2;
    private const int ParticulateTotal = 3;

    private static ChannelTable Channels() => new(
    [
        new ChannelDefinition(Flow, "dust", "flow", "a00000", "m³/s", null),
        new ChannelDefinition(FlowTotal, "dust", "flow-total", "a00000", "m³", null, RateChannel: Flow),
        new ChannelDefinition(Particulate, "dust", "particulate", "a34013", "mg/m³", null),
        new ChannelDefinition(ParticulateTotal, "dust", "particulate-total", "a34013", "kg", null, RateChannel: Particulate),
    ]);

    private static Aggregator Create(bool withFlow = true) => new(
        new AggregationSettings
        {
            Outlets = [new OutletRules { Name = "stack", Kind = OutletKind.FlueGas, Channels = [Flow, FlowTotal, Particulate, ParticulateTotal], FlowChannel = withFlow ? Flow : null }],
            CloseDelay = TimeSpan.Zero,
        },
        Channels());

    [Fact]
    public void A_rates_minute_Cou_is_its_totalisers_increase_over_the_minute()
    {
        var aggregator = Create();
        // Flow 10 m³/s: the integral is 10 × 5 s = 50 m³ a poll. The counter says 55 m³ a poll: it is the truth.
        var readings = Polls(Local(9, 59), Local(10, 1)).SelectMany((time, i) => new[]
        {
            At(Flow, time, 10),
            At(FlowTotal, time, 1000 + (55 * i)),
        });

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).ToList();

        // 10:00: 12 increases of 55 m³ (10:00:00 from 09:59:55, …, 10:00:55 from 10:00:50) = 660 m³, not 600.
        Assert.Equal(660, records.Starting(Flow, AggregatePeriod.Minute, Local(10)).Cou, 9);
        // 09:59: the first sample has no previous one, so the increase is not known: the rate's integral, 12 × 50 = 600.
        Assert.Equal(600, records.Starting(Flow, AggregatePeriod.Minute, Local(9, 59)).Cou, 9);
        // The totaliser's own record keeps its counter values and has no Cou of its own.
        var total = records.Starting(FlowTotal, AggregatePeriod.Minute, Local(10));
        Assert.Equal((1000 + (55 * 12), 1000 + (55 * 23)), (total.Min, total.Max));
        Assert.True(double.IsNaN(total.Cou));
    }

    [Fact]
    public void A_counter_that_goes_back_leaves_the_minute_to_the_integral_of_the_rate()
    {
        var aggregator = Create();
        // The counter wraps at 10:00:30 (from 1000 + 55 × 17 down to 5): that minute's increase is unknown.
        var readings = Polls(Local(9, 59), Local(10, 1)).SelectMany((time, i) => new[]
        {
            At(Flow, time, 10),
            At(FlowTotal, time, i < 18 ? 1000 + (55 * i) : 5 + (55 * (i - 18))),
        });

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).ToList();

        // 12 × 10 m³/s × 5 s.
        Assert.Equal(600, records.Starting(Flow, AggregatePeriod.Minute, Local(10)).Cou, 9);
    }

    [Fact]
    public void A_pollutant_with_a_mass_totaliser_has_a_Cou_without_the_outlets_flow_and_none_while_it_is_unknown()
    {
        var aggregator = Create(withFlow: false);
        // 0.002 kg a poll.
        var readings = Polls(Local(9, 59), Local(10, 1)).SelectMany((time, i) => new[]
        {
            At(Particulate, time, 8),
            At(ParticulateTotal, time, 40 + (0.002 * i)),
        });

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).ToList();

        // 12 × 0.002 kg = 0.024 kg.
        Assert.Equal(0.024, records.Starting(Particulate, AggregatePeriod.Minute, Local(10)).Cou, 9);
        // No flow to integrate and no known increase at 09:59's first sample: no Cou rather than a wrong one.
        Assert.True(double.IsNaN(records.Starting(Particulate, AggregatePeriod.Minute, Local(9, 59)).Cou));
    }
}
