using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212HostRequestDecoderTests
{
    private static Hj212Packet Request(string cn, string cp)
    {
        var segment = $"QN=20160801085857223;ST=32;CN={cn};PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&{cp}&&";
        var frame = $"##{Encoding.UTF8.GetByteCount(segment):D4}{segment}{Hj212Crc.Format(Hj212Crc.Compute(segment))}\r\n";
        var result = Hj212FrameDecoder.Decode(frame);
        Assert.True(result.IsSuccess, result.Reason);
        return result.Packet;
    }

    [Fact]
    public void Get_time_1011_of_vector_D5_names_the_instrument()
    {
        var result = Hj212HostRequestDecoder.Decode(Hj212FrameDecoder.Decode(TestVectors.D5).Packet!);

        var request = Assert.IsType<Hj212GetTimeRequest>(result.Request);
        Assert.Equal("w01018", request.PolId);
    }

    [Fact]
    public void Get_time_without_PolId_asks_for_the_loggers_clock()
    {
        var request = Assert.IsType<Hj212GetTimeRequest>(Hj212HostRequestDecoder.Decode(Request("1011", "")).Request);

        Assert.Null(request.PolId);
    }

    [Fact]
    public void Set_time_1012_reads_SystemTime()
    {
        var result = Hj212HostRequestDecoder.Decode(Request("1012", "PolId=w01018;SystemTime=20160801085857"));

        var request = Assert.IsType<Hj212SetTimeRequest>(result.Request);
        Assert.Equal("w01018", request.PolId);
        Assert.Equal(new DateTime(2016, 8, 1, 8, 58, 57), request.SystemTime);
    }

    [Theory]
    [InlineData("PolId=w01018", Hj212HostRequestError.MissingItem, "CP item 'SystemTime' missing")]
    [InlineData("SystemTime=20161301085857", Hj212HostRequestError.BadItem, "SystemTime '20161301085857' is not a YYYYMMDDhhmmss time")]
    public void Set_time_without_a_valid_SystemTime_is_refused(string cp, Hj212HostRequestError error, string reason)
    {
        var result = Hj212HostRequestDecoder.Decode(Request("1012", cp));

        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Get_real_time_interval_1061()
    {
        Assert.IsType<Hj212GetRealTimeIntervalRequest>(Hj212HostRequestDecoder.Decode(Request("1061", "")).Request);
    }

    [Fact]
    public void Set_real_time_interval_1062_of_vector_V1_is_30_seconds()
    {
        var result = Hj212HostRequestDecoder.Decode(Hj212FrameDecoder.Decode(TestVectors.V1).Packet!);

        Assert.Equal(30, Assert.IsType<Hj212SetRealTimeIntervalRequest>(result.Request).IntervalSeconds);
    }

    [Theory]
    [InlineData("", "CP item 'RtdInterval' missing")]
    [InlineData("RtdInterval=abc", "RtdInterval 'abc' is not a whole number of seconds")]
    [InlineData("RtdInterval=0", "RtdInterval 0 is outside 30-3600 seconds")]
    public void Set_real_time_interval_without_a_valid_value_is_refused(string cp, string reason)
    {
        Assert.Equal(reason, Hj212HostRequestDecoder.Decode(Request("1062", cp)).Reason);
    }

    [Theory]
    [InlineData("2051", Hj212CommandCode.MinuteData, "BeginTime=20160801000000;EndTime=20160801235959")]
    [InlineData("2061", Hj212CommandCode.HourData, "BeginTime=20160801000000,EndTime=20160801235959")]
    [InlineData("2031", Hj212CommandCode.DayData, "EndTime=20160801235959;BeginTime=20160801000000")]
    public void History_request_reads_BeginTime_and_EndTime_separated_by_semicolon_or_comma(string cn, Hj212CommandCode kind, string cp)
    {
        var result = Hj212HostRequestDecoder.Decode(Request(cn, cp));

        var request = Assert.IsType<Hj212HistoryDataRequest>(result.Request);
        Assert.Equal(kind, request.DataKind);
        Assert.Equal(new DateTime(2016, 8, 1, 0, 0, 0), request.BeginTime);
        Assert.Equal(new DateTime(2016, 8, 1, 23, 59, 59), request.EndTime);
    }

    [Theory]
    [InlineData("BeginTime=20160801000000", "CP item 'EndTime' missing")]
    [InlineData("DataTime=20160801000000;w01018-Avg=1", "CP item 'BeginTime' missing")]
    [InlineData("BeginTime=20160802000000;EndTime=20160801000000", "BeginTime 20160802000000 is after EndTime 20160801000000")]
    public void History_request_without_a_valid_range_is_refused(string cp, string reason)
    {
        Assert.Equal(reason, Hj212HostRequestDecoder.Decode(Request("2061", cp)).Reason);
    }

    [Fact]
    public void Sample_retention_3015()
    {
        Assert.IsType<Hj212SampleRetentionRequest>(Hj212HostRequestDecoder.Decode(Request("3015", "")).Request);
    }

    [Theory]
    [InlineData("9021")]
    [InlineData("2081")]
    [InlineData("9014")]
    [InlineData("abcd")]
    public void Other_commands_are_not_requests_this_decoder_knows(string cn)
    {
        var result = Hj212HostRequestDecoder.Decode(Request(cn, ""));

        Assert.Equal(Hj212HostRequestError.UnknownCommand, result.Error);
        Assert.Equal($"CN {cn} is not a host request this gateway answers", result.Reason);
    }
}
