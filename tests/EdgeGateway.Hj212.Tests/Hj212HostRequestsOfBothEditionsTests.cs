using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Hj212.Tests.Crypto;

namespace EdgeGateway.Hj212.Tests;

/// <summary>Every host request of hj212-tcp.md Part A b, and the 9011/9012 answers each decoding failure calls for.</summary>
public sealed class Hj212HostRequestsOfBothEditionsTests
{
    private static Hj212Packet Request(string cn, string cp, int flag = 9)
    {
        var segment = $"QN=20240601085857223;ST=32;CN={cn};PW=123456;MN=010000A8900016F000169DC0;Flag={flag};CP=&&{cp}&&";
        var frame = $"##{Encoding.UTF8.GetByteCount(segment):D4}{segment}{Hj212Crc.Format(Hj212Crc.Compute(segment))}\r\n";
        var result = Hj212FrameDecoder.Decode(frame);
        Assert.True(result.IsSuccess, result.Reason);
        return result.Packet;
    }

    private static T Decoded<T>(string cn, string cp)
        where T : Hj212HostRequest
    {
        var result = Hj212HostRequestDecoder.Decode(Request(cn, cp));
        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(Hj212QnRtn.ReadyToExecute, result.QnRtn);
        Assert.Null(result.ExeRtn);
        Assert.Null(result.Field);
        return Assert.IsType<T>(result.Request);
    }

    [Fact]
    public void Set_timeout_1000_of_appendix_C1()
    {
        var request = Decoded<Hj212SetTimeoutRequest>("1000", "OverTime=5;ReCount=3");

        Assert.Equal(5, request.OverTimeSeconds);
        Assert.Equal(3, request.ReCount);
    }

    [Theory]
    [InlineData("OverTime=1;ReCount=99", 1, 99)]
    [InlineData("OverTime=99;ReCount=1", 99, 1)]
    public void Set_timeout_accepts_the_ends_of_the_range(string cp, int overTime, int reCount)
    {
        var request = Decoded<Hj212SetTimeoutRequest>("1000", cp);

        Assert.Equal((overTime, reCount), (request.OverTimeSeconds, request.ReCount));
    }

    [Fact]
    public void Set_MN_1002_reads_i23005_Info()
    {
        Assert.Equal("010000A8900016F000169DC1", Decoded<Hj212SetMnRequest>("1002", "i23005-Info=010000A8900016F000169DC1").Mn);
    }

    [Fact]
    public void Set_key_1014_reads_the_creation_time_and_the_16_character_key()
    {
        var request = Decoded<Hj212SetKeyRequest>("1014", "SKCreateTime=20240601000000,NewSK=0000000000000000");

        Assert.Equal(new DateTime(2024, 6, 1, 0, 0, 0), request.KeyCreateTime);
        Assert.Equal("0000000000000000", request.NewKey);
        Assert.Equal(Hj212CipherVectors.TestKey, request.KeyBytes);
    }

    [Fact]
    public void Set_key_1014_arriving_encrypted_decodes_after_decryption()
    {
        var cipher = new Hj212CpCipher(Hj212CipherVectors.TestKey);
        var frame = cipher.EncodeToUtf8(Request("1014", "SKCreateTime=20240601000000;NewSK=ABCDEFGHIJKLMNOP"));
        Assert.Contains("{0x", Encoding.UTF8.GetString(frame), StringComparison.Ordinal);

        var decoded = cipher.Decode(frame);

        Assert.True(decoded.IsSuccess, decoded.Reason);
        Assert.Equal("ABCDEFGHIJKLMNOP", Assert.IsType<Hj212SetKeyRequest>(Hj212HostRequestDecoder.Decode(decoded.Packet).Request).NewKey);
    }

    [Fact]
    public void Get_minute_interval_1063()
    {
        Decoded<Hj212GetMinuteIntervalRequest>("1063", string.Empty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(20)]
    [InlineData(30)]
    public void Set_minute_interval_1064_accepts_the_divisors_of_an_hour_the_standard_lists(int minutes)
    {
        Assert.Equal(minutes, Decoded<Hj212SetMinuteIntervalRequest>("1064", $"MinInterval={minutes}").IntervalMinutes);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(3600)]
    public void Set_real_time_interval_1062_accepts_the_ends_of_30_to_3600_seconds(int seconds)
    {
        Assert.Equal(seconds, Decoded<Hj212SetRealTimeIntervalRequest>("1062", $"RtdInterval={seconds}").IntervalSeconds);
    }

    [Fact]
    public void Set_password_1072_of_appendix_C()
    {
        Assert.Equal("654321", Decoded<Hj212SetPasswordRequest>("1072", "NewPW=654321").NewPassword);
    }

    [Theory]
    [InlineData("2011", Hj212CommandCode.RealTimeData)]
    [InlineData("2021", Hj212CommandCode.EquipmentRunState)]
    public void Start_upload_2011_and_2021(string cn, Hj212CommandCode upload)
    {
        Assert.Equal(upload, Decoded<Hj212StartUploadRequest>(cn, string.Empty).Upload);
    }

    [Theory]
    [InlineData("2012", Hj212CommandCode.RealTimeData)]
    [InlineData("2022", Hj212CommandCode.EquipmentRunState)]
    public void Stop_upload_notifications_2012_and_2022(string cn, Hj212CommandCode upload)
    {
        Assert.Equal(upload, Decoded<Hj212StopUploadRequest>(cn, string.Empty).Upload);
    }

    [Theory]
    [InlineData("2013", Hj212CommandCode.RawData)]
    [InlineData("2041", Hj212CommandCode.EquipmentDayRunTime)]
    [InlineData("2062", Hj212CommandCode.StandardCheckData)]
    public void History_requests_of_raw_run_time_and_standard_check_data(string cn, Hj212CommandCode kind)
    {
        var request = Decoded<Hj212HistoryDataRequest>(cn, "BeginTime=20240601000000,EndTime=20240601235959");

        Assert.Equal(kind, request.DataKind);
        Assert.Equal(new DateTime(2024, 6, 1, 0, 0, 0), request.BeginTime);
        Assert.Equal(new DateTime(2024, 6, 1, 23, 59, 59), request.EndTime);
    }

    [Theory]
    [InlineData("PolId=w01018", null)]
    [InlineData("PolId=w01018,CalibrationType=0", Hj212CalibrationType.Zero)]
    [InlineData("PolId=w01018;CalibrationType=1", Hj212CalibrationType.Span)]
    public void Calibration_3011_with_the_2025_CalibrationType(string cp, Hj212CalibrationType? type)
    {
        var request = Decoded<Hj212CalibrationRequest>("3011", cp);

        Assert.Equal("w01018", request.PolId);
        Assert.Equal(type, request.CalibrationType);
    }

    [Theory]
    [InlineData("3012", Hj212CommandCode.ImmediateSampling)]
    [InlineData("3013", Hj212CommandCode.StartCleaning)]
    [InlineData("3014", Hj212CommandCode.ComparisonSampling)]
    [InlineData("3024", Hj212CommandCode.StartStandardCheck)]
    public void Instrument_routines_3012_3013_3014_3024_name_the_instrument(string cn, Hj212CommandCode routine)
    {
        var request = Decoded<Hj212InstrumentRoutineRequest>(cn, "PolId=w01018");

        Assert.Equal(routine, request.Routine);
        Assert.Equal("w01018", request.PolId);
    }

    [Fact]
    public void Sample_retention_task_3022_names_the_instrument()
    {
        Assert.Equal("w01018", Decoded<Hj212SampleRetentionTaskRequest>("3022", "PolId=w01018").PolId);
    }

    [Fact]
    public void Instrument_id_3019_names_the_instrument()
    {
        Assert.Equal("w01018", Decoded<Hj212InstrumentIdRequest>("3019", "PolId=w01018").PolId);
    }

    [Fact]
    public void Field_information_3020_for_a_state_has_no_range()
    {
        var request = Decoded<Hj212FieldInformationRequest>("3020", "PolId=w01018;InfoId=i12001");

        Assert.Equal(("w01018", "i12001"), (request.PolId, request.InfoId));
        Assert.Null(request.BeginTime);
        Assert.Null(request.EndTime);
    }

    [Fact]
    public void Field_information_3020_for_logs_reads_the_range_of_appendix_C()
    {
        var request = Decoded<Hj212FieldInformationRequest>("3020", "PolId=w01018;InfoId=i11001;BeginTime=20160801000000,EndTime=20160801235959");

        Assert.Equal(new DateTime(2016, 8, 1, 0, 0, 0), request.BeginTime);
        Assert.Equal(new DateTime(2016, 8, 1, 23, 59, 59), request.EndTime);
    }

    [Fact]
    public void Set_field_parameter_3021_of_appendix_C_reads_the_InfoIds_value()
    {
        var request = Decoded<Hj212SetFieldParameterRequest>("3021", "PolId=w01018;InfoId=i13004;i13004-Info=168.0");

        Assert.Equal(("w01018", "i13004", "168.0"), (request.PolId, request.InfoId, request.Value));
    }

    [Theory]
    [InlineData("1000", "ReCount=3", Hj212HostRequestError.MissingItem, "OverTime", "CP item 'OverTime' missing")]
    [InlineData("1000", "OverTime=5", Hj212HostRequestError.MissingItem, "ReCount", "CP item 'ReCount' missing")]
    [InlineData("1000", "OverTime=0;ReCount=3", Hj212HostRequestError.OutOfRange, "OverTime", "OverTime 0 is outside 1-99 seconds")]
    [InlineData("1000", "OverTime=100;ReCount=3", Hj212HostRequestError.OutOfRange, "OverTime", "OverTime 100 is outside 1-99 seconds")]
    [InlineData("1000", "OverTime=5;ReCount=0", Hj212HostRequestError.OutOfRange, "ReCount", "ReCount 0 is outside 1-99 resends")]
    [InlineData("1000", "OverTime=5;ReCount=100", Hj212HostRequestError.OutOfRange, "ReCount", "ReCount 100 is outside 1-99 resends")]
    [InlineData("1000", "OverTime=5s;ReCount=3", Hj212HostRequestError.BadItem, "OverTime", "OverTime '5s' is not a whole number of seconds")]
    [InlineData("1002", "", Hj212HostRequestError.MissingItem, "i23005-Info", "CP item 'i23005-Info' missing")]
    [InlineData("1002", "i23005-Info=", Hj212HostRequestError.BadItem, "i23005-Info", "CP item 'i23005-Info' is empty")]
    [InlineData("1002", "i23005-Info=010000A8900016F000169DC0FF", Hj212HostRequestError.BadItem, "i23005-Info", "i23005-Info '010000A8900016F000169DC0FF' is not an MN of 1-24 letters, digits, '_' or '-'")]
    [InlineData("1002", "i23005-Info=MN 1", Hj212HostRequestError.BadItem, "i23005-Info", "i23005-Info 'MN 1' is not an MN of 1-24 letters, digits, '_' or '-'")]
    [InlineData("1012", "SystemTime=2016080108585", Hj212HostRequestError.BadItem, "SystemTime", "SystemTime '2016080108585' is not a YYYYMMDDhhmmss time")]
    [InlineData("1014", "NewSK=0000000000000000", Hj212HostRequestError.MissingItem, "SKCreateTime", "CP item 'SKCreateTime' missing")]
    [InlineData("1014", "SKCreateTime=20240601000000", Hj212HostRequestError.MissingItem, "NewSK", "CP item 'NewSK' missing")]
    [InlineData("1014", "SKCreateTime=20240601000000;NewSK=000000000000000", Hj212HostRequestError.BadItem, "NewSK", "NewSK is 15 characters; an SM4 key is 16 printable ASCII characters")]
    [InlineData("1014", "SKCreateTime=20240601000000;NewSK=00000000000000000", Hj212HostRequestError.BadItem, "NewSK", "NewSK is 17 characters; an SM4 key is 16 printable ASCII characters")]
    [InlineData("1014", "SKCreateTime=2024-06-01;NewSK=0000000000000000", Hj212HostRequestError.BadItem, "SKCreateTime", "SKCreateTime '2024-06-01' is not a YYYYMMDDhhmmss time")]
    [InlineData("1062", "RtdInterval=29", Hj212HostRequestError.OutOfRange, "RtdInterval", "RtdInterval 29 is outside 30-3600 seconds")]
    [InlineData("1062", "RtdInterval=3601", Hj212HostRequestError.OutOfRange, "RtdInterval", "RtdInterval 3601 is outside 30-3600 seconds")]
    [InlineData("1064", "", Hj212HostRequestError.MissingItem, "MinInterval", "CP item 'MinInterval' missing")]
    [InlineData("1064", "MinInterval=7", Hj212HostRequestError.OutOfRange, "MinInterval", "MinInterval 7 is not one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 minutes")]
    [InlineData("1064", "MinInterval=60", Hj212HostRequestError.OutOfRange, "MinInterval", "MinInterval 60 is not one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 minutes")]
    [InlineData("1064", "MinInterval=ten", Hj212HostRequestError.BadItem, "MinInterval", "MinInterval 'ten' is not a whole number of minutes")]
    [InlineData("1072", "", Hj212HostRequestError.MissingItem, "NewPW", "CP item 'NewPW' missing")]
    [InlineData("1072", "NewPW=", Hj212HostRequestError.BadItem, "NewPW", "CP item 'NewPW' is empty")]
    [InlineData("1072", "NewPW=1234567890123456789012345", Hj212HostRequestError.BadItem, "NewPW", "NewPW is not 1-24 printable ASCII characters without ; = & ,")]
    [InlineData("2041", "BeginTime=20240601000000", Hj212HostRequestError.MissingItem, "EndTime", "CP item 'EndTime' missing")]
    [InlineData("2062", "BeginTime=20240602000000;EndTime=20240601000000", Hj212HostRequestError.OutOfRange, "BeginTime", "BeginTime 20240602000000 is after EndTime 20240601000000")]
    [InlineData("2013", "BeginTime=x;EndTime=20240601000000", Hj212HostRequestError.BadItem, "BeginTime", "BeginTime 'x' is not a YYYYMMDDhhmmss time")]
    [InlineData("3011", "CalibrationType=0", Hj212HostRequestError.MissingItem, "PolId", "CP item 'PolId' missing")]
    [InlineData("3011", "PolId=w01018;CalibrationType=2", Hj212HostRequestError.OutOfRange, "CalibrationType", "CalibrationType '2' is not 0 (zero) or 1 (span)")]
    [InlineData("3012", "", Hj212HostRequestError.MissingItem, "PolId", "CP item 'PolId' missing")]
    [InlineData("3013", "PolId=", Hj212HostRequestError.BadItem, "PolId", "CP item 'PolId' is empty")]
    [InlineData("3024", "", Hj212HostRequestError.MissingItem, "PolId", "CP item 'PolId' missing")]
    [InlineData("3019", "", Hj212HostRequestError.MissingItem, "PolId", "CP item 'PolId' missing")]
    [InlineData("3020", "PolId=w01018", Hj212HostRequestError.MissingItem, "InfoId", "CP item 'InfoId' missing")]
    [InlineData("3020", "PolId=w01018;InfoId=i11001;BeginTime=20160801000000", Hj212HostRequestError.MissingItem, "EndTime", "CP item 'EndTime' missing")]
    [InlineData("3020", "PolId=w01018;InfoId=i11001;EndTime=20160801000000", Hj212HostRequestError.MissingItem, "BeginTime", "CP item 'BeginTime' missing")]
    [InlineData("3021", "PolId=w01018;InfoId=i13004", Hj212HostRequestError.MissingItem, "i13004-Info", "CP item 'i13004-Info' missing")]
    [InlineData("3021", "PolId=w01018;i13004-Info=1", Hj212HostRequestError.MissingItem, "InfoId", "CP item 'InfoId' missing")]
    [InlineData("3022", "", Hj212HostRequestError.MissingItem, "PolId", "CP item 'PolId' missing")]
    public void A_bad_item_names_itself_and_calls_for_QnRtn_1_then_ExeRtn_3(
        string cn,
        string cp,
        Hj212HostRequestError error,
        string field,
        string reason)
    {
        var result = Hj212HostRequestDecoder.Decode(Request(cn, cp));

        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
        Assert.Equal(field, result.Field);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(Hj212QnRtn.ReadyToExecute, result.QnRtn);
        Assert.Equal(Hj212ExeRtn.RequestConditionError, result.ExeRtn);
    }

    [Theory]
    [InlineData("9021")]
    [InlineData("2081")]
    [InlineData("9013")]
    [InlineData("9015")]
    [InlineData("12a4")]
    public void An_unknown_CN_calls_for_QnRtn_8_and_no_9012(string cn)
    {
        var result = Hj212HostRequestDecoder.Decode(Request(cn, string.Empty));

        Assert.Equal(Hj212HostRequestError.UnknownCommand, result.Error);
        Assert.Equal(Hj212QnRtn.CnWrong, result.QnRtn);
        Assert.Null(result.ExeRtn);
        Assert.Null(result.Field);
    }

    [Theory]
    [InlineData("3016", "set sampling period")]
    [InlineData("3017", "get sampling period")]
    [InlineData("3018", "get sample-output time")]
    public void A_standard_request_the_gateway_does_not_carry_out_calls_for_QnRtn_2(string cn, string description)
    {
        var result = Hj212HostRequestDecoder.Decode(Request(cn, "PolId=w01018"));

        Assert.Equal(Hj212HostRequestError.UnsupportedCommand, result.Error);
        Assert.Equal($"CN {cn} ({description}) is a host request this gateway does not carry out", result.Reason);
        Assert.Equal(Hj212QnRtn.Rejected, result.QnRtn);
        Assert.Null(result.ExeRtn);
    }
}
