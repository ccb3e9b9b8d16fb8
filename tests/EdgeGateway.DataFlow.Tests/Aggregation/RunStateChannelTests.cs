using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>A treatment facility's run state (HJ 212 SBxxx-RS) is no pollutant: no minute, hour or day record has it.</summary>
public sealed class RunStateChannelTests
{
    private const int Flow = 1;
    private const int Desulfurizer = 2;

    private static ChannelTable Channels() => new(
    [
        new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(Flow, "cems", "flow", "a00000", "m³/s", null),
        new ChannelDefinition(Desulfurizer, "cems", "desulfurizer", "SB1", "", null, ChannelKind.RunState),
    ]);

    private static OutletRules Stack(params int[] channels) => new()
    {
        Name = "stack",
        Kind = OutletKind.FlueGas,
        Channels = channels,
        FlowChannel = Flow,
    };

    [Fact]
    public void An_outlet_listing_a_run_state_channel_is_refused_naming_it()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Aggregator(new AggregationSettings { Outlets = [Stack(0, Flow, Desulfurizer)] }, Channels()));

        Assert.Contains("outlet stack", exception.Message, StringComparison.Ordinal);
        Assert.Contains("run-state channel cems.desulfurizer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_state_readings_beside_an_outlets_readings_make_no_record_and_change_none()
    {
        var withRunState = new Aggregator(new AggregationSettings { Outlets = [Stack(0, Flow)] }, Channels());
        var without = new Aggregator(new AggregationSettings { Outlets = [Stack(0, Flow)] }, Channels());
        var records = new List<AggregateRecord>();
        var reference = new List<AggregateRecord>();

        foreach (var time in Polls(Local(10), Local(11, 1)))
        {
            var so2 = At(0, time, 30);
            var flow = At(Flow, time, 50);
            records.AddRange(withRunState.Add([so2, flow, At(Desulfurizer, time, 1)]));
            reference.AddRange(without.Add([so2, flow]));
        }

        Assert.Contains(records, record => record.Period == AggregatePeriod.Hour);
        Assert.DoesNotContain(records, record => record.Channel == Desulfurizer);
        Assert.Equal(reference, records);
    }
}
