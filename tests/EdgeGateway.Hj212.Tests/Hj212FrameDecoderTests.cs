using System.Text;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212FrameDecoderTests
{
    private static string Frame(string dataSegment, string? crc = null)
    {
        crc ??= Hj212Crc.Format(Hj212Crc.Compute(dataSegment));
        return $"##{Encoding.UTF8.GetByteCount(dataSegment):D4}{dataSegment}{crc}\r\n";
    }

    [Fact]
    public void Standard_example_with_the_CRC_its_text_prints_is_refused_with_both_values()
    {
        var result = Hj212FrameDecoder.Decode(TestVectors.V1.Replace("1C80", "1C08", StringComparison.Ordinal));

        Assert.False(result.IsSuccess);
        Assert.Equal(Hj212DecodeError.CrcMismatch, result.Error);
        Assert.Equal("CRC 1C80 expected, 1C08 found", result.Reason);
        Assert.Equal((ushort)0x1C80, result.CrcComputed);
        Assert.Equal("1C08", result.CrcFound);
    }

    [Fact]
    public void CRC_failure_still_shows_the_unchecked_packet_so_a_9011_can_echo_its_QN()
    {
        var result = Hj212FrameDecoder.Decode(TestVectors.V1.Replace("1C80", "1C08", StringComparison.Ordinal));

        Assert.Null(result.Packet);
        Assert.Equal("20160801085857223", result.UncheckedPacket?.Qn);
    }

    [Fact]
    public void Length_mismatch_says_both_numbers()
    {
        var result = Hj212FrameDecoder.Decode("##0101" + TestVectors.V1[6..].Replace("=30&&", "=3&&", StringComparison.Ordinal));

        Assert.Equal(Hj212DecodeError.LengthMismatch, result.Error);
        Assert.Equal("length says 101, data segment has 100 bytes", result.Reason);
    }

    [Fact]
    public void Length_mismatch_four_bytes_short()
    {
        var result = Hj212FrameDecoder.Decode(TestVectors.V1.Replace("=30&&", "&&", StringComparison.Ordinal).Replace("Flag=5", "Flag=", StringComparison.Ordinal));

        Assert.Equal("length says 101, data segment has 97 bytes", result.Reason);
    }

    [Theory]
    [InlineData("", "missing '##' header")]
    [InlineData("#", "missing '##' header")]
    [InlineData("#0101QN=1", "missing '##' header")]
    [InlineData("##0101QN=20160801085857223;ST=32&&1C80", "no CRLF trailer")]
    [InlineData("##0101QN=20160801085857223;ST=32&&1C80\n", "no CRLF trailer")]
    [InlineData("##0101QN=20160801085857223;ST=32&&1C80\r", "no CRLF trailer")]
    [InlineData("##\r\n", "frame is 4 bytes, shorter than the 12 of a packet with an empty data segment")]
    [InlineData("##01a1QN=1;&&1C80\r\n", "length field '01a1' is not 4 decimal digits")]
    [InlineData("##9900QN=1;&&1C80\r\n", "length 9900 is over the maximum of 9800")]
    public void Framing_errors_have_precise_reasons(string frame, string reason)
    {
        var result = Hj212FrameDecoder.Decode(frame);

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void CRC_field_that_is_not_hex_is_named()
    {
        var result = Hj212FrameDecoder.Decode(TestVectors.V1.Replace("1C80", "1C8Z", StringComparison.Ordinal));

        Assert.Equal(Hj212DecodeError.BadCrcField, result.Error);
        Assert.Equal("CRC field '1C8Z' is not 4 hex digits", result.Reason);
    }

    [Theory]
    [InlineData("QN=20160801085857223;ST=32;PW=123456;MN=A1;Flag=5;CP=&&&&", "field 'CN' missing")]
    [InlineData("QN=20160801085857223;CN=2011;PW=123456;MN=A1;Flag=5;CP=&&&&", "field 'ST' missing")]
    [InlineData("QN=20160801085857223;ST=32;CN=2011;MN=A1;Flag=5;CP=&&&&", "field 'PW' missing")]
    [InlineData("QN=20160801085857223;ST=32;CN=2011;PW=123456;Flag=5;CP=&&&&", "field 'MN' missing")]
    [InlineData("QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=A1;Flag=5", "field 'CP' missing")]
    [InlineData("QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=A1;Flag=5;", "field 'CP' missing")]
    [InlineData("QN=1;QN=2;ST=32;CN=2011;PW=123456;MN=A1;CP=&&&&", "field 'QN' appears twice")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;Flag=256;CP=&&&&", "Flag '256' is not a number from 0 to 255")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;Flag=x;CP=&&&&", "Flag 'x' is not a number from 0 to 255")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;Flag=7;CP=&&&&", "Flag 7 says split (D=1) but field 'PNUM' missing")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;Flag=7;PNUM=2;CP=&&&&", "Flag 7 says split (D=1) but field 'PNO' missing")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;Flag=7;PNUM=2;PNO=3;CP=&&&&", "PNO 3 is greater than PNUM 2")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;Flag=7;PNUM=0;PNO=1;CP=&&&&", "PNUM '0' is not a positive number")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;junk;CP=&&&&", "field 'junk' is not name=value")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;CP=&&DataTime=1", "CP is not wrapped in '&&…&&': 'CP=&&DataTime=1'")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;CP=&&DataTime&&", "CP item 'DataTime' has no '='")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;CP=&&a=1,,b=2&&", "empty CP item after 'a'")]
    [InlineData("ST=32;CN=2011;PW=123456;MN=A1;CP=&&=1&&", "CP item without a name at '=1'")]
    [InlineData("ST=32;CN=3020;PW=123456;MN=A1;CP=&&i11001-Info=//open&&", "log text of 'i11001-Info' is not closed by '//'")]
    public void Data_segment_errors_have_precise_reasons(string dataSegment, string reason)
    {
        var result = Hj212FrameDecoder.Decode(Frame(dataSegment));

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(dataSegment, result.DataSegment);
    }

    [Fact]
    public void Legacy_2005_packet_without_QN_and_Flag_decodes()
    {
        var result = Hj212FrameDecoder.Decode(Frame("ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&DataTime=20040516020111;B01-Rtd=2.5&&"));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Packet.Qn);
        Assert.Null(result.Packet.Flag);
        Assert.Equal("2.5", result.Packet.Cp.GetFactorValue("B01", Hj212FactorField.Rtd));
    }

    [Fact]
    public void Header_fields_in_another_order_and_unknown_ones_are_accepted()
    {
        var result = Hj212FrameDecoder.Decode(Frame("ST=32;CN=2051;QN=20190424002721168;PW=123456;MN=23040281003022;Flag=5;ENC=0;CP=&&DataTime=20190416003000;w01018-Avg=27.3,w01018-Flag=N&&"));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal("20190424002721168", result.Packet.Qn);
        Assert.Equal(["ENC"], result.IgnoredFields);
    }

    [Fact]
    public void Any_ST_is_accepted()
    {
        var result = Hj212FrameDecoder.Decode(Frame("QN=20160801085857223;ST=Z9;CN=2011;PW=123456;MN=A1;Flag=4;CP=&&&&"));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal("Z9", result.Packet.St);
    }

    [Fact]
    public void Packet_over_1024_bytes_is_accepted_on_receive_up_to_the_configured_maximum()
    {
        var items = string.Join(";", Enumerable.Range(0, 60).Select(i => $"w{i:D5}-Rtd=123.456,w{i:D5}-Flag=N"));
        var segment = $"QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=A1;Flag=4;CP=&&DataTime=20160801085857;{items}&&";
        var frame = Frame(segment);
        Assert.True(Encoding.UTF8.GetByteCount(segment) > Hj212Limits.MaxDataSegmentBytes);

        var lenient = Hj212FrameDecoder.Decode(frame);
        var tight = Hj212FrameDecoder.Decode(frame, new Hj212DecoderOptions { MaxDataSegmentBytes = 1024 });

        Assert.True(lenient.IsSuccess, lenient.Reason);
        Assert.Equal(60, lenient.Packet.Cp.GetFactorCodes().Count);
        Assert.Equal(Hj212DecodeError.TooLong, tight.Error);
        Assert.Equal($"length {Encoding.UTF8.GetByteCount(segment)} is over the maximum of 1024", tight.Reason);
    }

    [Fact]
    public void Data_segment_that_is_not_UTF8_is_refused()
    {
        var segment = Encoding.UTF8.GetBytes("ST=32;CN=3020;PW=123456;MN=A1;CP=&&i11001-Info=//x//&&");
        segment[^5] = 0xFF;
        var crc = Encoding.ASCII.GetBytes(Hj212Crc.Format(Hj212Crc.Compute(segment)));
        var frame = Encoding.ASCII.GetBytes($"##{segment.Length:D4}").Concat(segment).Concat(crc).Concat("\r\n"u8.ToArray()).ToArray();

        var result = Hj212FrameDecoder.Decode(frame);

        Assert.Equal(Hj212DecodeError.BadEncoding, result.Error);
        Assert.Equal("data segment is not valid UTF-8", result.Reason);
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(2017);
        var buffer = new byte[200];
        for (var trial = 0; trial < 20_000; trial++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (length >= 2 && trial % 2 == 0)
            {
                buffer[0] = (byte)'#';
                buffer[1] = (byte)'#';
                buffer[length - 2] = (byte)'\r';
                buffer[length - 1] = (byte)'\n';
            }

            var result = Hj212FrameDecoder.Decode(buffer.AsSpan(0, length));

            Assert.Equal(result.IsSuccess, result.Reason is null);
        }
    }

    [Fact]
    public void Valid_frames_with_random_CP_text_never_throw()
    {
        // The CRC is made right so the data-segment parser itself meets the garbage.
        var random = new Random(2025);
        const string alphabet = "ab=;,&/-1 清";
        for (var trial = 0; trial < 5_000; trial++)
        {
            var cp = new string(Enumerable.Range(0, random.Next(30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var segment = $"QN=1;ST=32;CN=2011;PW=1;MN=A1;Flag=4;CP=&&{cp}&&";

            var result = Hj212FrameDecoder.Decode(Frame(segment));

            if (result.IsSuccess)
            {
                Assert.Equal(Hj212DecodeError.None, result.Error);
            }
            else
            {
                Assert.NotEmpty(result.Reason);
            }
        }
    }
}
