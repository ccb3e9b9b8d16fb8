using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

/// <summary>The builders the HJ 212 platform session needs beyond the 2017 uploads.</summary>
public sealed class Hj212Uploads2025Tests
{
    private const string Qn = "20240601085857223";
    private static readonly Hj212Station Station = new("32", "123456", "010000A8900016F000169DC0", Hj212Edition.Edition2025);
    private static readonly DateTime DataTime = new(2024, 6, 1, 8, 58, 57);

    private static Hj212Packet Request(string cn) => new()
    {
        Qn = "20240601085800111",
        St = "32",
        Cn = cn,
        Pw = "123456",
        Mn = "010000A8900016F000169DC0",
        Flag = new Hj212Flag(9),
    };

    private static Hj212Packet RoundTrip(Hj212Packet packet)
    {
        var decoded = Hj212FrameDecoder.Decode(Hj212FrameEncoder.Encode(packet));
        Assert.True(decoded.IsSuccess, decoded.Reason);
        Assert.Equal(packet, decoded.Packet);
        return decoded.Packet;
    }

    [Theory]
    [InlineData(Hj212Edition.Edition2025, true, 9)]
    [InlineData(Hj212Edition.Edition2025, false, 8)]
    [InlineData(Hj212Edition.Edition2017, true, 5)]
    [InlineData(Hj212Edition.Edition2017, false, 4)]
    public void Heartbeat_9015_has_an_empty_CP_and_the_editions_Flag(Hj212Edition edition, bool replyWanted, int flag)
    {
        var packet = RoundTrip(Hj212Uploads.Heartbeat(Station with { Edition = edition }, Qn, replyWanted));

        Assert.Equal($"QN={Qn};ST=32;CN=9015;PW=123456;MN=010000A8900016F000169DC0;Flag={flag};CP=&&&&", packet.ToDataSegment());
    }

    [Fact]
    public void Heartbeat_is_the_87_byte_shape_of_appendix_A1()
    {
        // App. A.1's example (CN 1011, Flag=9, empty CP) is 87 bytes with CRC 2200; a heartbeat has the same shape.
        var example = Hj212Uploads.Heartbeat(Station, Qn, replyWanted: true) with { Cn = "1011" };

        Assert.Equal(
            "##0087QN=20240601085857223;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&&&2200\r\n",
            Hj212FrameEncoder.Encode(example));
    }

    [Fact]
    public void Time_calibration_request_1013_is_a_notification_with_an_optional_PolId()
    {
        var own = RoundTrip(Hj212Uploads.TimeCalibrationRequest(Station, Qn));
        var instrument = RoundTrip(Hj212Uploads.TimeCalibrationRequest(Station, Qn, "w01018"));

        Assert.Equal("1013", own.Cn);
        Assert.True(own.Flag!.Value.AcknowledgementRequired);
        Assert.Equal(string.Empty, own.Cp.ToString());
        Assert.Equal("PolId=w01018", instrument.Cp.ToString());
    }

    [Fact]
    public void Hardware_identity_1001_lists_logger_CPU_and_MACs()
    {
        var packet = RoundTrip(Hj212Uploads.HardwareIdentity(Station, Qn, "010000A8900016F000169DC0", "CPU0042", "00:11:22:33:44:55", "00:11:22:33:44:56"));
        var oneMac = Hj212Uploads.HardwareIdentity(Station, Qn, "010000A8900016F000169DC0", "CPU0042", "00:11:22:33:44:55");

        Assert.Equal("1001", packet.Cn);
        Assert.Equal(new Hj212Flag(9), packet.Flag);
        Assert.Equal(
            "i23005-Info=010000A8900016F000169DC0;i23006-Info=CPU0042;i23007-Info=00:11:22:33:44:55;i23008-Info=00:11:22:33:44:56",
            packet.Cp.ToString());
        Assert.Equal("i23005-Info=010000A8900016F000169DC0;i23006-Info=CPU0042;i23007-Info=00:11:22:33:44:55", oneMac.Cp.ToString());
    }

    [Fact]
    public void Key_request_1014_carries_the_current_keys_creation_time()
    {
        var packet = RoundTrip(Hj212Uploads.KeyRequest(Station, Qn, DataTime));

        Assert.Equal("1014", packet.Cn);
        Assert.Equal("SKCreateTime=20240601085857", packet.Cp.ToString());
    }

    [Fact]
    public void Minute_interval_answer_1063_echoes_the_request_QN()
    {
        var request = Request("1063");

        var packet = RoundTrip(Hj212Uploads.MinuteIntervalResponse(Station, request, 10));

        Assert.Equal(request.Qn, packet.Qn);
        Assert.Equal("1063", packet.Cn);
        Assert.Equal(new Hj212Flag(8), packet.Flag);
        Assert.Equal("MinInterval=10", packet.Cp.ToString());
    }

    [Fact]
    public void Real_time_interval_and_sample_retention_answers_carry_the_2025_Flag_8()
    {
        var interval = RoundTrip(Hj212Uploads.RealTimeIntervalResponse(Station, Request("1061"), 30));
        var retention = RoundTrip(Hj212Uploads.SampleRetentionResponse(Station, Request("3015"), DataTime, 2));

        Assert.Equal(new Hj212Flag(8), interval.Flag);
        Assert.Equal("RtdInterval=30", interval.Cp.ToString());
        Assert.Equal("DataTime=20240601085857;VaseNo=2", retention.Cp.ToString());
    }

    [Fact]
    public void Instrument_id_answer_3019_names_the_factor_and_its_serial_number()
    {
        var packet = RoundTrip(Hj212Uploads.InstrumentIdResponse(Station, Request("3019"), "w01018", "010000A8900016F000169DC0"));

        Assert.Equal("3019", packet.Cn);
        Assert.Equal("20240601085800111", packet.Qn);
        Assert.Equal("PolId=w01018;w01018-SN=010000A8900016F000169DC0", packet.Cp.ToString());
    }

    [Fact]
    public void Field_information_3020_answer_and_upload_write_DataTime_PolId_then_the_items()
    {
        Hj212DataItem[] items = [new("i12001-Info", "1"), new("i11001-Info", "//清洗管路//")];

        var answer = RoundTrip(Hj212Uploads.FieldInformationResponse(Station, Request("3020"), DataTime, "w01018", items));
        var upload = RoundTrip(Hj212Uploads.FieldInformation(Station, Qn, DataTime, "w01018", items, acknowledgementRequired: true));

        Assert.Equal("20240601085800111", answer.Qn);
        Assert.Equal("DataTime=20240601085857;PolId=w01018;i12001-Info=1;i11001-Info=//清洗管路//", answer.Cp.ToString());
        Assert.Equal(Qn, upload.Qn);
        Assert.Equal(new Hj212Flag(9), upload.Flag);
        Assert.Equal(answer.Cp, upload.Cp);
    }

    [Theory]
    [InlineData(Hj212Edition.Edition2017, 4)]
    [InlineData(Hj212Edition.Edition2025, 8)]
    public void Replies_sent_by_the_logger_carry_only_the_editions_version_bits(Hj212Edition edition, int flag)
    {
        var request = Request("1011");

        Assert.All(
            [
                Hj212Replies.RequestAnswer(request, Hj212QnRtn.ReadyToExecute, edition),
                Hj212Replies.ExecutionResult(request, Hj212ExeRtn.Success, edition),
                Hj212Replies.NotificationAnswer(request, edition),
                Hj212Replies.DataAnswer(request, edition),
            ],
            reply => Assert.Equal(new Hj212Flag((byte)flag), reply.Flag));
    }
}
