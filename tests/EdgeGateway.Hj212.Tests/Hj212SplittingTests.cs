using System.Globalization;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Hj212.Splitting;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212SplittingTests
{
    private static readonly Hj212Station Station = new(Hj212SystemCode.WaterPollutionSource, "123456", "010000A8900016F000169DC0");
    private static readonly DateTime DataTime = new(2016, 8, 1, 8, 58, 57);

    private static Hj212Packet LongRealTimeUpload(int factorCount, bool acknowledgementRequired = false)
    {
        var values = Enumerable.Range(1, factorCount)
            .Select(i => new Hj212RealTimeValue($"w{i:D5}", 1000 + (i * 0.125), Hj212DataFlag.Normal) { ConvertedValue = i });
        return Hj212Uploads.RealTimeData(Station, "20160801085857223", DataTime, values, acknowledgementRequired: acknowledgementRequired);
    }

    private static Func<string> QnSequence()
    {
        var clock = new Hj212QnClock(() => new DateTime(2016, 8, 1, 8, 58, 58));
        return clock.Next;
    }

    [Fact]
    public void Upload_of_120_factors_splits_into_packets_within_the_limits_that_reassemble_to_the_original()
    {
        var message = LongRealTimeUpload(120);
        Assert.True(Hj212FrameEncoder.Measure(message).DataSegmentBytes > Hj212Limits.MaxDataSegmentBytes);

        var packets = Hj212PacketSplitter.Split(message, QnSequence());

        Assert.True(packets.Count > 1);
        var reassembler = new Hj212Reassembler();
        Hj212Packet? whole = null;
        for (var i = 0; i < packets.Count; i++)
        {
            var frame = Hj212FrameEncoder.EncodeToUtf8(packets[i]);
            Assert.True(frame.Length - Hj212Limits.FrameOverheadBytes <= Hj212Limits.MaxDataSegmentBytes);
            Assert.True(Hj212FrameEncoder.Measure(packets[i]).CpBytes <= Hj212Limits.MaxCpBytes);
            var received = Hj212FrameDecoder.Decode(frame);
            Assert.True(received.IsSuccess, received.Reason);
            Assert.Equal(i == packets.Count - 1, reassembler.TryAdd(received.Packet, out whole));
        }

        Assert.NotNull(whole);
        Assert.Equal(message.Cp, whole.Cp);
        Assert.Equal(message.GetFactorCodesForTest(), whole.GetFactorCodesForTest());
        Assert.Equal(message with { Qn = packets[0].Qn }, whole);
        Assert.Equal(0, reassembler.PendingMessageCount);
    }

    [Fact]
    public void Every_split_packet_has_its_own_QN_PNUM_PNO_Flag_D_and_the_DataTime()
    {
        var packets = Hj212PacketSplitter.Split(LongRealTimeUpload(120), QnSequence());

        Assert.Equal(packets.Count, packets.Select(p => p.Qn).Distinct().Count());
        for (var i = 0; i < packets.Count; i++)
        {
            var packet = packets[i];
            Assert.Equal(packets.Count, packet.Pnum);
            Assert.Equal(i + 1, packet.Pno);
            Assert.True(packet.Flag!.Value.IsSplit);
            Assert.Equal(6, packet.Flag.Value.Value);
            Assert.Equal([new Hj212DataItem("DataTime", "20160801085857")], packet.Cp.Groups[0]);
            Assert.True(packet.Cp.GetFactorCodes().Count > 0);
        }
    }

    [Fact]
    public void Acknowledged_upload_splits_into_Flag_7_packets_each_answered_with_its_own_QN()
    {
        var packets = Hj212PacketSplitter.Split(LongRealTimeUpload(60, acknowledgementRequired: true), QnSequence());

        Assert.All(packets, packet => Assert.Equal(new Hj212Flag(7), packet.Flag));
        Assert.All(packets, packet => Assert.Equal(packet.Qn, Hj212Replies.DataAnswer(packet, Hj212Edition.Edition2017).Qn));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2025)]
    public void Shuffled_arrival_reassembles(int seed)
    {
        var message = LongRealTimeUpload(150);
        var packets = Hj212PacketSplitter.Split(message, QnSequence()).ToArray();
        new Random(seed).Shuffle(packets);
        var reassembler = new Hj212Reassembler();

        var completed = packets
            .Select(packet => reassembler.TryAdd(packet, out var whole) ? whole : null)
            .ToArray();

        Assert.All(completed[..^1], Assert.Null);
        Assert.Equal(message.Cp, completed[^1]!.Cp);
        Assert.Equal(new Hj212Flag(4), completed[^1]!.Flag);
    }

    [Fact]
    public void Resent_packet_does_not_complete_a_message_early()
    {
        var packets = Hj212PacketSplitter.Split(LongRealTimeUpload(60), QnSequence());
        Assert.True(packets.Count >= 3);
        var reassembler = new Hj212Reassembler();

        Assert.False(reassembler.TryAdd(packets[0], out _));
        Assert.False(reassembler.TryAdd(packets[0], out _));
        for (var i = 1; i < packets.Count - 1; i++)
        {
            Assert.False(reassembler.TryAdd(packets[i], out _));
        }

        Assert.True(reassembler.TryAdd(packets[^1], out var whole));
        Assert.Equal(60, whole.Cp.GetFactorCodes().Count);
    }

    [Fact]
    public void Two_messages_interleaved_reassemble_separately_by_DataTime()
    {
        var first = Hj212PacketSplitter.Split(LongRealTimeUpload(60), QnSequence());
        var secondMessage = Hj212Uploads.RealTimeData(
            Station,
            "20160801085957223",
            DataTime.AddMinutes(1),
            Enumerable.Range(1, 60).Select(i => new Hj212RealTimeValue($"w{i:D5}", 1000 + (i * 0.125), Hj212DataFlag.Normal) { ConvertedValue = i }));
        var second = Hj212PacketSplitter.Split(secondMessage, QnSequence());
        Assert.Equal(first.Count, second.Count);
        var reassembler = new Hj212Reassembler();
        var wholes = new List<Hj212Packet>();

        foreach (var (a, b) in first.Zip(second))
        {
            if (reassembler.TryAdd(a, out var wholeA))
            {
                wholes.Add(wholeA);
            }

            if (reassembler.TryAdd(b, out var wholeB))
            {
                wholes.Add(wholeB);
            }
        }

        Assert.Equal(2, wholes.Count);
        Assert.Equal("20160801085857", wholes[0].Cp.GetValue("DataTime"));
        Assert.Equal("20160801085957", wholes[1].Cp.GetValue("DataTime"));
    }

    [Fact]
    public void Packet_that_is_not_split_passes_straight_through()
    {
        var packet = Hj212FrameDecoder.Decode(TestVectors.V3).Packet!;

        Assert.True(new Hj212Reassembler().TryAdd(packet, out var whole));
        Assert.Same(packet, whole);
    }

    [Fact]
    public void Message_that_fits_is_returned_unchanged()
    {
        var message = LongRealTimeUpload(5);

        var packets = Hj212PacketSplitter.Split(message, () => throw new InvalidOperationException("no QN needed"));

        Assert.Same(message, Assert.Single(packets));
    }

    [Fact]
    public void Oldest_incomplete_message_is_evicted_at_the_bound()
    {
        var reassembler = new Hj212Reassembler(maxPendingMessages: 2);
        Hj212Packet Part(string dataTime) => new()
        {
            Qn = "20160801085857223",
            St = "32",
            Cn = "2011",
            Pw = "123456",
            Mn = "A1",
            Flag = new Hj212Flag(6),
            Pnum = 2,
            Pno = 1,
            Cp = new Hj212DataAreaBuilder().AddItem("DataTime", dataTime).EndGroup().AddItem("w01018-Rtd", "1").Build(),
        };

        reassembler.TryAdd(Part("20160801000000"), out _);
        reassembler.TryAdd(Part("20160801000100"), out _);
        reassembler.TryAdd(Part("20160801000200"), out _);

        Assert.Equal(2, reassembler.PendingMessageCount);
        Assert.Equal(1, reassembler.EvictedMessageCount);
        Assert.False(reassembler.TryAdd(Part("20160801000000") with { Pno = 2 }, out _));
        Assert.True(reassembler.TryAdd(Part("20160801000200") with { Pno = 2 }, out var whole));
        Assert.Equal(["1", "1"], whole.Cp.Items.Where(item => item.Name == "w01018-Rtd").Select(item => item.Value));
    }

    [Fact]
    public void Group_larger_than_a_packet_is_cut_between_items()
    {
        var builder = new Hj212DataAreaBuilder().AddItem("DataTime", "20160801085857").EndGroup();
        for (var i = 0; i < 200; i++)
        {
            builder.AddItem($"i13{i:D3}-Info", i.ToString(CultureInfo.InvariantCulture));
        }

        var message = new Hj212Packet
        {
            Qn = "20160801085857223",
            St = "32",
            Cn = "3020",
            Pw = "123456",
            Mn = "A1",
            Flag = new Hj212Flag(4),
            Cp = builder.Build(),
        };

        var packets = Hj212PacketSplitter.Split(message, QnSequence());

        Assert.True(packets.Count > 1);
        Assert.All(packets, packet => Assert.Null(Hj212FrameEncoder.Validate(packet)));
        var reassembler = new Hj212Reassembler();
        Hj212Packet? whole = null;
        Assert.Single(packets, packet => reassembler.TryAdd(packet, out whole));
        Assert.Equal(message.Cp.Items, whole!.Cp.Items);
    }

    [Fact]
    public void Item_longer_than_any_packet_cannot_be_split()
    {
        var message = new Hj212Packet
        {
            Qn = "20160801085857223",
            St = "32",
            Cn = "3020",
            Pw = "123456",
            Mn = "A1",
            Flag = new Hj212Flag(4),
            Cp = new Hj212DataAreaBuilder()
                .AddItem("DataTime", "20160801085857").EndGroup()
                .AddItem("i11001-Info", "//" + new string('x', 2000) + "//")
                .Build(),
        };

        var error = Assert.Throws<ArgumentException>(() => Hj212PacketSplitter.Split(message, QnSequence()));
        Assert.Contains("'i11001-Info' is 2016 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tighter_limits_are_honoured()
    {
        var packets = Hj212PacketSplitter.Split(LongRealTimeUpload(30), QnSequence(), maxDataSegmentBytes: 400, maxCpBytes: 300);

        Assert.True(packets.Count > 3);
        Assert.All(packets, packet =>
        {
            var size = Hj212FrameEncoder.Measure(packet);
            Assert.True(size.DataSegmentBytes <= 400);
            Assert.True(size.CpBytes <= 300);
        });
    }

    [Fact]
    public void More_than_nine_packets_get_two_digit_PNUM()
    {
        var packets = Hj212PacketSplitter.Split(LongRealTimeUpload(400), QnSequence());

        Assert.True(packets.Count >= 10);
        Assert.All(packets, packet => Assert.Null(Hj212FrameEncoder.Validate(packet)));
        Assert.Contains($"PNUM={packets.Count};PNO=10;", Hj212FrameEncoder.Encode(packets[9]), StringComparison.Ordinal);
    }
}
