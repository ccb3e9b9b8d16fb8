using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212FrameEncoderTests
{
    private static Hj212Packet Packet(Hj212DataArea? cp = null) => new()
    {
        Qn = "20160801085857223",
        St = "32",
        Cn = "2011",
        Pw = "123456",
        Mn = "010000A8900016F000169DC0",
        Flag = Hj212Flag.Create(Hj212Edition.Edition2017),
        Cp = cp ?? Hj212DataArea.Empty,
    };

    private static Hj212DataArea Factors(int count) =>
        new(Enumerable.Range(0, count).Select(i => new[]
        {
            new Hj212DataItem($"w{i:D5}-Rtd", "123.456"),
            new Hj212DataItem($"w{i:D5}-Flag", "N"),
        }));

    [Fact]
    public void Data_segment_over_1024_bytes_is_refused_with_a_pointer_to_the_splitter()
    {
        var packet = Packet(Factors(40));

        var error = Assert.Throws<ArgumentException>(() => Hj212FrameEncoder.Encode(packet));

        Assert.StartsWith($"data segment is {Hj212FrameEncoder.Measure(packet).DataSegmentBytes} bytes, over the limit of 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CP_over_950_bytes_is_refused_even_when_the_segment_fits()
    {
        // Only a short header (no QN or Flag, short PW and MN) leaves room for a CP over 950 within 1024.
        var packet = Packet(Factors(29)) with { Qn = null, Flag = null, Pw = "1", Mn = "A" };
        var size = Hj212FrameEncoder.Measure(packet);
        Assert.True(size.CpBytes > Hj212Limits.MaxCpBytes);
        Assert.True(size.DataSegmentBytes <= Hj212Limits.MaxDataSegmentBytes);

        Assert.False(Hj212FrameEncoder.TryEncodeToUtf8(packet, out _, out var error));
        Assert.Equal($"CP is {size.CpBytes} bytes, over the limit of 950; split the message", error);
    }

    [Theory]
    [InlineData("w01018-Rtd", "1;2", "CP item 'w01018-Rtd' value '1;2' contains one of ; , CR LF (only //log text// may)")]
    [InlineData("w01018-Rtd", "1,2", "CP item 'w01018-Rtd' value '1,2' contains one of ; , CR LF (only //log text// may)")]
    [InlineData("w01018-Rtd", "1&&", "CP item 'w01018-Rtd' value contains '&&'")]
    [InlineData("w01018=Rtd", "1", "CP item name 'w01018=Rtd' contains one of ; = , & CR LF")]
    [InlineData("", "1", "CP item has an empty name")]
    [InlineData("i11001-Info", "//a\r\nb//", "log text of 'i11001-Info' contains CR or LF")]
    public void Items_that_would_change_how_the_CP_splits_are_refused(string name, string value, string reason)
    {
        var packet = Packet(new Hj212DataAreaBuilder().AddItem(name, value).Build());

        Assert.Equal(reason, Hj212FrameEncoder.Validate(packet));
    }

    [Fact]
    public void Log_text_with_separators_is_allowed()
    {
        var packet = Packet(new Hj212DataAreaBuilder().AddItem("i11001-Info", "//清洗;管路,完成//").Build());

        Assert.Null(Hj212FrameEncoder.Validate(packet));
        Assert.Equal(packet, Hj212FrameDecoder.Decode(Hj212FrameEncoder.Encode(packet)).Packet);
    }

    [Fact]
    public void Header_values_with_separators_or_empty_are_refused()
    {
        Assert.Equal("field 'MN' value 'A;B' contains one of ; = & CR LF", Hj212FrameEncoder.Validate(Packet() with { Mn = "A;B" }));
        Assert.Equal("field 'PW' is empty", Hj212FrameEncoder.Validate(Packet() with { Pw = "" }));
    }

    [Fact]
    public void PNUM_and_PNO_must_agree_with_Flag_D()
    {
        Assert.Equal(
            "Flag says split (D=1), so PNUM and PNO are required",
            Hj212FrameEncoder.Validate(Packet() with { Flag = new Hj212Flag(6) }));
        Assert.Equal(
            "PNUM and PNO belong only to a packet whose Flag says split (D=1)",
            Hj212FrameEncoder.Validate(Packet() with { Pnum = 2, Pno = 1 }));
        Assert.Equal(
            "PNO 3 of PNUM 2 is out of range (1 ≤ PNO ≤ PNUM ≤ 9999)",
            Hj212FrameEncoder.Validate(Packet() with { Flag = new Hj212Flag(6), Pnum = 2, Pno = 3 }));
        Assert.Null(Hj212FrameEncoder.Validate(Packet() with { Flag = new Hj212Flag(6), Pnum = 2, Pno = 2 }));
    }

    [Fact]
    public void Legacy_packet_without_QN_and_Flag_encodes_without_them()
    {
        var packet = Packet() with { Qn = null, Flag = null };

        Assert.StartsWith("##0059ST=32;CN=2011;PW=123456;", Hj212FrameEncoder.Encode(packet), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_is_the_data_segment()
    {
        var packet = Hj212FrameDecoder.Decode(TestVectors.D7).Packet!;

        Assert.Equal(TestVectors.DataSegment(TestVectors.D7), packet.ToString());
    }
}
