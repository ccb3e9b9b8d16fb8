using EdgeGateway.Hj212.Packets;
using EdgeGateway.Hj212.Splitting;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Hj212;
using Xunit;
using static EdgeGateway.DataFlow.Tests.Uplink.Hj212.Hj212UplinkTestData;

namespace EdgeGateway.DataFlow.Tests.Uplink.Hj212;

public sealed class Hj212UplinkEncoderTests
{
    [Fact]
    public void One_poll_becomes_one_2011_packet_with_every_factor()
    {
        var encoder = new Hj212UplinkEncoder(Channels(3), Options);

        var messages = encoder.Encode([Reading(1, 0, 12.54), Reading(2, 1, 40), Reading(3, 2, 6.5, DataFlag.C)]);

        var message = Assert.Single(messages);
        Assert.Equal(Hj212UplinkEncoder.TopicSuffix, message.TopicSuffix);
        Assert.Equal(new SequenceRange(1, 3), message.Range);
        Assert.Equal(OutboxRecordKind.Reading, message.Kind);
        var packet = SinglePacket(message.Payload);
        Assert.Equal("2011", packet.Cn);
        Assert.Equal("31", packet.St);
        Assert.Equal("88888880000001", packet.Mn);
        Assert.Equal("123456", packet.Pw);
        Assert.Equal(Hj212Flag.Create(EdgeGateway.Hj212.Codes.Hj212Edition.Edition2017, acknowledgementRequired: true), packet.Flag);
        Assert.Equal(StartInCst, packet.Cp.GetValue("DataTime"));
        Assert.Equal("12.5", packet.Cp.GetValue("a21026-Rtd"));
        Assert.Equal("N", packet.Cp.GetValue("a21026-Flag"));
        Assert.Equal("40.000", packet.Cp.GetValue("a21002-Rtd"));
        Assert.Equal("N", packet.Cp.GetValue("a21002-Flag"));
        Assert.Equal("6.500", packet.Cp.GetValue("a19001-Rtd"));
        Assert.Equal("C", packet.Cp.GetValue("a19001-Flag"));
    }

    [Fact]
    public void Run_state_readings_stay_out_of_the_2011_whose_range_still_covers_them()
    {
        var channels = new ChannelTable(
        [
            new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
            new ChannelDefinition(1, "cems", "desulfurizer", "SB1", "", null, ChannelKind.RunState),
            new ChannelDefinition(2, "cems", "nox", "a21002", "mg/m³", null),
        ]);
        var encoder = new Hj212UplinkEncoder(channels, Options);

        var message = Assert.Single(encoder.Encode([Reading(1, 0, 12.5), Reading(2, 1, 1), Reading(3, 2, 40)]));

        Assert.Equal(new SequenceRange(1, 3), message.Range);
        var packet = SinglePacket(message.Payload);
        Assert.Equal("2011", packet.Cn);
        Assert.Equal(["a21026", "a21002"], packet.Cp.GetFactorCodes());
        Assert.Empty(encoder.Encode([Reading(4, 1, 1)]));
    }

    [Fact]
    public void A_reading_without_value_carries_only_its_flag()
    {
        var encoder = new Hj212UplinkEncoder(Channels(2), Options);

        var packet = SinglePacket(Assert.Single(encoder.Encode([Reading(1, 0, 3), Reading(2, 1, double.NaN, DataFlag.B)])).Payload);

        Assert.Null(packet.Cp.GetValue("a21002-Rtd"));
        Assert.Equal("B", packet.Cp.GetValue("a21002-Flag"));
        Assert.Equal("3.0", packet.Cp.GetValue("a21026-Rtd"));
    }

    [Theory]
    [InlineData(AggregatePeriod.Minute, "2051", OutboxRecordKind.MinuteRecord)]
    [InlineData(AggregatePeriod.Hour, "2061", OutboxRecordKind.HourRecord)]
    [InlineData(AggregatePeriod.Day, "2031", OutboxRecordKind.DayRecord)]
    public void Records_go_to_their_command_with_the_window_start_in_site_time(AggregatePeriod period, string cn, OutboxRecordKind kind)
    {
        var encoder = new Hj212UplinkEncoder(Channels(3), Options);

        var message = Assert.Single(encoder.Encode([
            new OutboxAggregate(7, Record(period, 0)),
            new OutboxAggregate(8, Record(period, 2, cou: 120.5)),
        ]));

        Assert.Equal(new SequenceRange(7, 8), message.Range);
        Assert.Equal(kind, message.Kind);
        var packet = SinglePacket(message.Payload);
        Assert.Equal(cn, packet.Cn);
        Assert.Equal(StartInCst, packet.Cp.GetValue("DataTime"));
        Assert.Equal("1.0", packet.Cp.GetValue("a21026-Min"));
        Assert.Equal("2.5", packet.Cp.GetValue("a21026-Avg"));
        Assert.Equal("3.0", packet.Cp.GetValue("a21026-Max"));
        Assert.Equal("N", packet.Cp.GetValue("a21026-Flag"));
        Assert.Null(packet.Cp.GetValue("a21026-Cou"));
        Assert.Null(packet.Cp.GetValue("a21026-ZsAvg"));
        Assert.Equal("120.500", packet.Cp.GetValue("a19001-Cou"));
    }

    [Fact]
    public void An_outlet_can_have_its_own_system_code()
    {
        var encoder = new Hj212UplinkEncoder(Channels(1), Options);

        var message = Assert.Single(encoder.Encode([new OutboxAggregate(1, Record(AggregatePeriod.Hour, 0, outlet: "WS001"))]));

        Assert.Equal("32", SinglePacket(message.Payload).St);
    }

    [Fact]
    public void A_large_poll_splits_into_packets_that_fit_and_reassemble()
    {
        const int count = 150;
        var encoder = new Hj212UplinkEncoder(Channels(count), Options);
        var entries = Enumerable.Range(0, count).Select(channel => (OutboxEntry)Reading(channel + 1, channel, 1000.125 + channel)).ToArray();

        var message = Assert.Single(encoder.Encode(entries));

        Assert.Equal(new SequenceRange(1, count), message.Range);
        var frames = DecodeFrames(message.Payload);
        Assert.True(frames.Count > 1);
        Assert.All(frames, frame => Assert.True(frame.DataSegmentByteCount <= 1024, $"{frame.DataSegmentByteCount} bytes"));
        Assert.All(frames, frame => Assert.Equal(frames.Count, frame.Packet!.Pnum));
        var reassembler = new Hj212Reassembler();
        Hj212Packet? whole = null;
        foreach (var frame in frames)
        {
            Assert.Null(whole);
            reassembler.TryAdd(frame.Packet!, out whole);
        }

        Assert.NotNull(whole);
        Assert.Equal("2011", whole.Cn);
        for (var channel = 0; channel < count; channel++)
        {
            var code = Channels(count)[channel].Code;
            Assert.Equal(Hj212NumberFormat.Format(1000.125 + channel, channel == 0 ? 1 : 3), whole.Cp.GetValue(code + "-Rtd"));
        }
    }

    [Fact]
    public void Ranges_cover_exactly_the_records_and_events_are_left_out()
    {
        var encoder = new Hj212UplinkEncoder(Channels(2), Options);
        var later = Start.AddSeconds(10);

        var messages = encoder.Encode([
            Reading(1, 0, 1), Reading(2, 1, 2),
            Reading(3, 0, 1, time: later), Reading(4, 1, 2, time: later),
            Event(5),
            new OutboxAggregate(6, Record(AggregatePeriod.Minute, 0)),
            new OutboxAggregate(7, Record(AggregatePeriod.Hour, 0)),
            Reading(9, 0, 1, time: later), Reading(10, 1, 2, time: later),
            Event(11),
        ]);

        Assert.Equal(
            [new SequenceRange(1, 2), new SequenceRange(3, 4), new SequenceRange(6, 6), new SequenceRange(7, 7), new SequenceRange(9, 10)],
            messages.Select(message => message.Range));
        Assert.Equal(["2011", "2011", "2051", "2061", "2011"], messages.Select(message => SinglePacket(message.Payload).Cn));
        Assert.Equal(
            [StartInCst, "20260301160010"],
            messages.Take(2).Select(message => SinglePacket(message.Payload).Cp.GetValue("DataTime")));
    }

    [Fact]
    public void Qns_never_repeat()
    {
        var encoder = new Hj212UplinkEncoder(Channels(2), Options);

        var messages = encoder.Encode([.. Enumerable.Range(1, 20).Select(i => (OutboxEntry)Reading(i, 0, i, time: Start.AddSeconds(i)))]);

        var qns = messages.Select(message => SinglePacket(message.Payload).Qn).ToArray();
        Assert.Equal(20, qns.Distinct().Count());
    }
}
