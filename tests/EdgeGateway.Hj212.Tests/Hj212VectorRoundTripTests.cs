using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212VectorRoundTripTests
{
    [Theory]
    [MemberData(nameof(TestVectors.Names), MemberType = typeof(TestVectors))]
    public void Vector_decodes_and_re_encodes_byte_for_byte_with_the_CRC_in_uppercase(string name)
    {
        var frame = TestVectors.Frame(name);

        var result = Hj212FrameDecoder.Decode(frame);

        Assert.True(result.IsSuccess, result.Reason);
        var expected = frame[..^6] + frame[^6..^2].ToUpperInvariant() + "\r\n";
        Assert.Equal(expected, Hj212FrameEncoder.Encode(result.Packet));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), Hj212FrameEncoder.EncodeToUtf8(result.Packet));
    }

    [Theory]
    [MemberData(nameof(TestVectors.Names), MemberType = typeof(TestVectors))]
    public void Decoding_bytes_and_text_gives_equal_packets(string name)
    {
        var frame = TestVectors.Frame(name);

        var fromText = Hj212FrameDecoder.Decode(frame);
        var fromBytes = Hj212FrameDecoder.Decode(Encoding.UTF8.GetBytes(frame));

        Assert.True(fromBytes.IsSuccess, fromBytes.Reason);
        Assert.Equal(fromText.Packet, fromBytes.Packet);
    }

    [Theory]
    [InlineData("V3", "7d00")]
    [InlineData("V5", "cc01")]
    public void Lowercase_CRC_is_accepted_and_kept_as_sent_in_the_result(string name, string crc)
    {
        var result = Hj212FrameDecoder.Decode(TestVectors.Frame(name));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(crc, result.CrcFound);
        Assert.EndsWith(crc.ToUpperInvariant() + "\r\n", Hj212FrameEncoder.Encode(result.Packet), StringComparison.Ordinal);
    }

    [Fact]
    public void V1_fields_decode_to_the_model()
    {
        var packet = Hj212FrameDecoder.Decode(TestVectors.V1).Packet!;

        Assert.Equal("20160801085857223", packet.Qn);
        Assert.Equal("32", packet.St);
        Assert.Equal("1062", packet.Cn);
        Assert.Equal("100000", packet.Pw);
        Assert.Equal("010000A8900016F000169DC0", packet.Mn);
        Assert.Equal(new Hj212Flag(5), packet.Flag);
        Assert.Null(packet.Pnum);
        Assert.Null(packet.Pno);
        Assert.Equal("30", packet.Cp.GetValue("RtdInterval"));
        Assert.True(packet.TryGetQnTime(out var qnTime));
        Assert.Equal(new DateTime(2016, 8, 1, 8, 58, 57, 223), qnTime);
        Assert.True(packet.IsCommand(Hj212CommandCode.SetRealTimeInterval));
    }

    [Fact]
    public void V10_factor_values_read_through_the_typed_accessors()
    {
        var cp = Hj212FrameDecoder.Decode(TestVectors.V10).Packet!.Cp;

        Assert.True(cp.TryGetDataTime(out var dataTime));
        Assert.Equal(new DateTime(2024, 1, 22, 8, 16, 0), dataTime);
        Assert.Equal(
            ["a00000", "a01011", "a01013", "a01012", "a24088", "a05002", "a01014"],
            cp.GetFactorCodes());
        Assert.True(cp.TryGetFactorDouble("a01013", Hj212FactorField.Rtd, out var pressure));
        Assert.Equal(-0.052, pressure);
        Assert.True(cp.TryGetFactorDecimal("a01012", Hj212FactorField.Rtd, out var temperature));
        Assert.Equal(6.480m, temperature);
        Assert.Equal("6.480", temperature.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(cp.TryGetFactorDataFlag("a24088", out var flag));
        Assert.Equal(Hj212DataFlag.Normal, flag);
        Assert.Equal("0.000", cp.GetFactorValue("a05002", Hj212FactorField.Rtd));
        Assert.Null(cp.GetFactorValue("a05002", Hj212FactorField.Avg));
    }

    [Fact]
    public void D7_counts_its_Chinese_text_in_bytes()
    {
        var segment = TestVectors.DataSegment(TestVectors.D7);
        var result = Hj212FrameDecoder.Decode(TestVectors.D7);

        Assert.Equal(144, segment.Length);
        Assert.Equal(152, Encoding.UTF8.GetByteCount(segment));
        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(152, result.DeclaredLength);
        Assert.Equal(152, result.DataSegmentByteCount);
        Assert.Equal("//清洗管路//", result.Packet.Cp.GetFactorValue("i11001", Hj212FactorField.Info));
        Assert.Equal(152, Hj212FrameEncoder.Measure(result.Packet).DataSegmentBytes);
    }

    [Fact]
    public void D7_with_its_length_counted_in_characters_is_refused()
    {
        var charCounted = "##0144" + TestVectors.D7[6..];

        var result = Hj212FrameDecoder.Decode(charCounted);

        Assert.False(result.IsSuccess);
        Assert.Equal("length says 144, data segment has 152 bytes", result.Reason);
    }

    [Fact]
    public void Packet_built_in_code_encodes_to_the_standards_example()
    {
        var packet = new Hj212Packet
        {
            Qn = "20160801085857223",
            St = "32",
            Cn = "1062",
            Pw = "100000",
            Mn = "010000A8900016F000169DC0",
            Flag = Hj212Flag.Create(Hj212Edition.Edition2017, acknowledgementRequired: true),
            Cp = new Hj212DataAreaBuilder().AddItem("RtdInterval", "30").Build(),
        };

        Assert.Equal(TestVectors.V1, Hj212FrameEncoder.Encode(packet));
    }

    [Fact]
    public void Encoding_into_a_caller_buffer_writes_the_same_bytes()
    {
        var packet = Hj212FrameDecoder.Decode(TestVectors.D7).Packet!;
        var buffer = new byte[512];

        var written = Hj212FrameEncoder.EncodeToUtf8(packet, buffer);

        Assert.Equal(Encoding.UTF8.GetBytes(TestVectors.D7), buffer[..written]);
        Assert.Equal(-1, Hj212FrameEncoder.EncodeToUtf8(packet, new byte[10]));
    }
}
