using EdgeGateway.DataFlow.Tests.FieldBus;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Hj212;
using Xunit;
using static EdgeGateway.DataFlow.Tests.Uplink.Hj212.Hj212UplinkTestData;

namespace EdgeGateway.DataFlow.Tests.Uplink.Hj212;

/// <summary>
/// Issue 17 item 10: the shipped dust meter's flow-total and particulate-total went to platforms as a second
/// a00000-Rtd / a34013-Rtd (a volume in m³ as a flow, a mass in kg as a concentration), and each minute as two 2051s
/// of one DataTime. A totaliser (profile <c>totalOf</c>) is its rate's -Cou, never a value of its own.
/// </summary>
public sealed class TotaliserEncodingTests
{
    private static readonly ChannelTable Dust = ChannelTable.ForDevices([PolledDevice.Create("dust", 2, DeviceProfileLoader.LoadFile(RepositoryFiles.Profile("particulate-flow.json")))]);

    [Fact]
    public void A_totaliser_of_the_shipped_dust_meter_is_not_sent_as_a_second_Rtd_of_its_rates_code()
    {
        var encoder = new Hj212UplinkEncoder(Dust, Options);
        var readings = Dust.Channels.Select((channel, i) => Reading(i + 1, channel.Index, channel.Channel switch
        {
            "flow" => 52.5,
            "flow-total" => 123456,
            "particulate" => 8.2,
            "particulate-total" => 98.765,
            _ => 1,
        })).ToList();

        var message = Assert.Single(encoder.Encode(readings));

        Assert.Equal(new SequenceRange(1, readings.Count), message.Range);
        var packet = SinglePacket(message.Payload);
        Assert.Equal("2011", packet.Cn);
        Assert.Equal("52.500", packet.Cp.GetValue("a00000-Rtd"));
        Assert.Equal("8.200", packet.Cp.GetValue("a34013-Rtd"));
        Assert.DoesNotContain("123456.000", packet.Cp.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("98.765", packet.Cp.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_minute_of_the_shipped_dust_meter_is_one_2051_whose_flow_Cou_is_the_rates_and_the_totaliser_is_left_out()
    {
        var encoder = new Hj212UplinkEncoder(Dust, Options);
        Assert.True(Dust.TryFind("dust.flow", out var flow));
        Assert.True(Dust.TryFind("dust.flow-total", out var flowTotal));
        Assert.Equal(flow.Index, flowTotal.RateChannel);

        var message = Assert.Single(encoder.Encode([
            new OutboxAggregate(1, Record(AggregatePeriod.Minute, flow.Index, cou: 3150)),
            new OutboxAggregate(2, Record(AggregatePeriod.Minute, flowTotal.Index) with { Min = 123000, Avg = 123400, Max = 123456 }),
        ]));

        Assert.Equal(new SequenceRange(1, 2), message.Range);
        var packet = SinglePacket(message.Payload);
        Assert.Equal("2051", packet.Cn);
        Assert.Equal("3150.000", packet.Cp.GetValue("a00000-Cou"));
        Assert.Equal("2.500", packet.Cp.GetValue("a00000-Avg"));
        Assert.DoesNotContain("123400", packet.Cp.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_the_site_keeps_out_of_hj212_is_in_no_packet()
    {
        var channels = new ChannelTable(
        [
            new ChannelDefinition(0, "cems", "flow", "a00000", "m³/s", null),
            new ChannelDefinition(1, "dust", "flow", "a00000", "m³/s", null, Hj212Excluded: true),
        ]);
        var encoder = new Hj212UplinkEncoder(channels, Options);

        var readings = Assert.Single(encoder.Encode([Reading(1, 0, 50), Reading(2, 1, 60)]));
        var minute = Assert.Single(encoder.Encode([new OutboxAggregate(3, Record(AggregatePeriod.Minute, 0)), new OutboxAggregate(4, Record(AggregatePeriod.Minute, 1) with { Avg = 60 })]));

        Assert.Equal("50.000", SinglePacket(readings.Payload).Cp.GetValue("a00000-Rtd"));
        Assert.Equal(new SequenceRange(1, 2), readings.Range);
        Assert.Equal("2.500", SinglePacket(minute.Payload).Cp.GetValue("a00000-Avg"));
        Assert.Equal(new SequenceRange(3, 4), minute.Range);
    }
}
