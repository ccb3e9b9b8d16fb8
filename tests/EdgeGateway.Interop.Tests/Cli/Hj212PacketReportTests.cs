using System.Text.Json;
using EdgeGateway.Cli.Commands.Hj212;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Tests;

namespace EdgeGateway.Interop.Tests.Cli;

public sealed class Hj212PacketReportTests
{
    [Fact]
    public void Valid_packet_prints_its_fields_with_their_meanings()
    {
        var report = Hj212PacketReport.Check(TestVectors.V1);

        Assert.True(report.Valid);
        Assert.Equal(
            [
                "valid packet: 101-byte data segment, CRC 1C80",
                "QN    20160801085857223 (2016-08-01 08:58:57.223)",
                "ST    32 (surface-water pollution source)",
                "CN    1062 (set real-time data interval)",
                "PW    100000",
                "MN    010000A8900016F000169DC0",
                "Flag  5 (HJ 212-2017, acknowledgement required)",
                "CP    RtdInterval=30",
            ],
            report.ToLines());
    }

    [Fact]
    public void Bad_CRC_prints_the_reason_first_and_the_fields_as_unverified()
    {
        var report = Hj212PacketReport.Check(TestVectors.V1.Replace("1C80", "1C08", StringComparison.Ordinal));
        var lines = report.ToLines();

        Assert.False(report.Valid);
        Assert.Equal("bad packet: CRC 1C80 expected, 1C08 found", lines[0]);
        Assert.Equal("fields as sent (not verified):", lines[1]);
        Assert.Contains("CN    1062 (set real-time data interval)", lines);
        Assert.Equal("CrcMismatch", report.ErrorKind);
    }

    [Fact]
    public void Pasted_packet_without_CRLF_is_checked_and_noted()
    {
        var report = Hj212PacketReport.Check("  " + TestVectors.V3[..^2] + " ");

        Assert.True(report.Valid, report.Error);
        Assert.Contains(report.Notes, note => note.StartsWith("no CR LF at the end of the input", StringComparison.Ordinal));
        Assert.Contains(report.Notes, note => note.StartsWith("CRC written in lowercase", StringComparison.Ordinal));
    }

    [Fact]
    public void Literal_backslash_r_backslash_n_counts_as_the_trailer()
    {
        Assert.True(Hj212PacketReport.Check(TestVectors.D1[..^2] + "\\r\\n").Valid);
    }

    [Fact]
    public void Unrecognisable_input_gives_only_the_reason()
    {
        var lines = Hj212PacketReport.Check("hello").ToLines();

        Assert.Equal("bad packet: missing '##' header", lines[0]);
        Assert.DoesNotContain(lines, line => line.StartsWith("QN", StringComparison.Ordinal));
    }

    [Fact]
    public void Segment_whose_fields_cannot_be_read_is_shown_raw()
    {
        const string segment = "QN=20160801085857223;ST=32;PW=123456;MN=A1;Flag=5;CP=&&&&";
        var frame = $"##{segment.Length:D4}{segment}{Hj212Crc.Format(Hj212Crc.Compute(segment))}\r\n";

        Assert.Equal(
            ["bad packet: field 'CN' missing", $"data segment: {segment}"],
            Hj212PacketReport.Check(frame).ToLines());
    }

    [Fact]
    public void CP_items_carry_their_meanings()
    {
        var lines = Hj212PacketReport.Check(TestVectors.V10).ToLines();

        Assert.Contains(
            "CP    DataTime=20240122081600 (2024-01-22 08:16:00)",
            lines);
        Assert.Contains(
            lines,
            line => line.Contains("a01013-Rtd=-0.052 (flue-gas pressure real-time value), a01013-Flag=N (flue-gas pressure data flag: instrument working normally)", StringComparison.Ordinal));
    }

    [Fact]
    public void JSON_model_has_the_decoded_fields_and_keeps_Chinese_readable()
    {
        var json = Hj212PacketReport.Check(TestVectors.D7).ToJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal("3020", root.GetProperty("cn").GetString());
        Assert.Equal(152, root.GetProperty("dataSegmentBytes").GetInt32());
        Assert.Equal("i11001-Info", root.GetProperty("cp")[2][0].GetProperty("name").GetString());
        Assert.Equal("//清洗管路//", root.GetProperty("cp")[2][0].GetProperty("value").GetString());
        Assert.Contains("清洗管路", json, StringComparison.Ordinal);
        Assert.False(root.TryGetProperty("error", out _));
    }

    [Fact]
    public void JSON_of_a_failure_has_the_reason()
    {
        var report = Hj212PacketReport.Create(Hj212FrameDecoder.Decode("##0101" + TestVectors.V1[6..].Replace("=30&&", "=3&&", StringComparison.Ordinal)));
        using var document = JsonDocument.Parse(report.ToJson());

        Assert.Equal("length says 101, data segment has 100 bytes", document.RootElement.GetProperty("error").GetString());
        Assert.Equal("LengthMismatch", document.RootElement.GetProperty("errorKind").GetString());
        Assert.False(document.RootElement.GetProperty("fieldsVerified").GetBoolean());
    }

    [Fact]
    public void Oversized_packet_is_valid_with_a_note()
    {
        var items = string.Join(";", Enumerable.Range(0, 60).Select(i => $"w{i:D5}-Rtd=123.456,w{i:D5}-Flag=N"));
        var segment = $"QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=A1;Flag=4;CP=&&{items}&&";
        var frame = $"##{segment.Length:D4}{segment}{Hj212Crc.Format(Hj212Crc.Compute(segment))}\r\n";

        var report = Hj212PacketReport.Check(frame);

        Assert.True(report.Valid);
        Assert.Contains(report.Notes, note => note.StartsWith("over the sender's limits", StringComparison.Ordinal));
    }
}
