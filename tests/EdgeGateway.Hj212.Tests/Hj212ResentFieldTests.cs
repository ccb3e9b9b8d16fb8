using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Hj212.Splitting;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212ResentFieldTests
{
    private static readonly Hj212Station Station2025 = new("31", "123456", "010000A8900016F000169DC0", Hj212Edition.Edition2025);

    private static Hj212Packet Restart(Hj212Station station) =>
        Hj212Uploads.Restart(station, "20240601085857223", new DateTime(2024, 6, 1, 8, 58, 57), new DateTime(2024, 6, 1, 8, 56, 24), acknowledgementRequired: true);

    private static string Frame(string segment) =>
        $"##{Encoding.UTF8.GetByteCount(segment):D4}{segment}{Hj212Crc.Format(Hj212Crc.Compute(segment))}\r\n";

    [Fact]
    public void A_first_send_carries_no_RF_field()
    {
        Assert.DoesNotContain("RF=", Hj212FrameEncoder.Encode(Restart(Station2025)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_resent_packet_carries_RF_1_between_Flag_and_CP_and_keeps_everything_else()
    {
        var first = Restart(Station2025);

        var resent = first.AsResent();

        Assert.Equal(
            Frame("QN=20240601085857223;ST=31;CN=2081;PW=123456;MN=010000A8900016F000169DC0;Flag=9;RF=1;CP=&&DataTime=20240601085857;RestartTime=20240601085624&&"),
            Hj212FrameEncoder.Encode(resent));
        Assert.Equal(first with { Resent = true }, resent);
    }

    [Fact]
    public void RF_1_sits_after_PNUM_and_PNO_in_a_split_packet()
    {
        var part = Restart(Station2025) with { Flag = Hj212Flag.Create(Hj212Edition.Edition2025, true, split: true), Pnum = 2, Pno = 1 };

        var segment = part.AsResent().ToDataSegment();

        Assert.Contains(";Flag=11;PNUM=2;PNO=1;RF=1;CP=&&", segment, StringComparison.Ordinal);
    }

    [Fact]
    public void Resent_packets_round_trip_through_the_decoder()
    {
        var resent = Restart(Station2025).AsResent();

        var decoded = Hj212FrameDecoder.Decode(Hj212FrameEncoder.Encode(resent));

        Assert.True(decoded.IsSuccess, decoded.Reason);
        Assert.True(decoded.Packet.Resent);
        Assert.Equal(resent, decoded.Packet);
        Assert.Empty(decoded.IgnoredFields);
    }

    [Fact]
    public void RF_0_from_a_lenient_sender_reads_as_a_first_send()
    {
        var decoded = Hj212FrameDecoder.Decode(Frame("QN=20240601085857223;ST=31;CN=2081;PW=123456;MN=AB;Flag=9;RF=0;CP=&&&&"));

        Assert.True(decoded.IsSuccess, decoded.Reason);
        Assert.False(decoded.Packet.Resent);
    }

    [Fact]
    public void RF_with_another_value_is_refused_with_the_field_named()
    {
        var decoded = Hj212FrameDecoder.Decode(Frame("QN=20240601085857223;ST=31;CN=2081;PW=123456;MN=AB;Flag=9;RF=2;CP=&&&&"));

        Assert.Equal(Hj212DecodeError.BadField, decoded.Error);
        Assert.Equal("RF '2' is not 1 (re-sent) or 0", decoded.Reason);
    }

    [Fact]
    public void The_encoder_refuses_RF_on_a_2017_packet()
    {
        var packet = Restart(Station2025 with { Edition = Hj212Edition.Edition2017 }).AsResent();

        Assert.Equal("RF=1 is a field of HJ 212-2025; Flag 5 is of an earlier edition", Hj212FrameEncoder.Validate(packet));
    }

    [Fact]
    public void Splitting_a_resent_message_marks_every_part()
    {
        var values = Enumerable.Range(1, 60)
            .Select(i => new Hj212PeriodValue($"a{i:D5}") { Average = i, Minimum = i, Maximum = i, Flag = Hj212DataFlag.Normal });
        var message = Hj212Uploads.MinuteData(Station2025, "20240601085857223", new DateTime(2024, 6, 1, 8, 0, 0), values, acknowledgementRequired: true).AsResent();
        var qn = 100;

        var parts = Hj212PacketSplitter.Split(message, () => $"20240601085857{qn++}");

        Assert.True(parts.Count > 1);
        Assert.All(parts, part => Assert.True(part.Resent));
        Assert.All(parts, part => Assert.Null(Hj212FrameEncoder.Validate(part)));
    }
}
