using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212UploadsTests
{
    private static readonly Hj212Station Station = new("32", "123456", "010000A8900016F000169DC0");
    private static readonly DateTime DataTime = new(2016, 8, 1, 8, 58, 57);

    [Fact]
    public void Restart_2081_is_vector_D6()
    {
        var packet = Hj212Uploads.Restart(
            Station,
            "20160801085857223",
            DataTime,
            new DateTime(2016, 8, 1, 8, 56, 24),
            acknowledgementRequired: true);

        Assert.Equal(TestVectors.D6, Hj212FrameEncoder.Encode(packet));
    }

    [Fact]
    public void Real_time_2011_writes_each_factor_as_a_group_with_its_decimals()
    {
        var numbers = new Hj212NumberFormat(3, new Dictionary<string, int> { ["w01018"] = 1, ["a21026"] = 2 });
        Hj212RealTimeValue[] values =
        [
            new("w01018", 50.04, Hj212DataFlag.Normal) { SampleTime = new DateTime(2016, 8, 1, 8, 0, 0), ExtendedFlag = "A01" },
            new("a21026", 35.555, Hj212DataFlag.Calibration) { ConvertedValue = 41.2 },
            new("a01013", -0.0001, Hj212DataFlag.Fault),
        ];

        var packet = Hj212Uploads.RealTimeData(Station, "20160801085857223", DataTime, values, numbers);

        Assert.Equal("2011", packet.Cn);
        Assert.Equal(new Hj212Flag(4), packet.Flag);
        Assert.Equal(
            "DataTime=20160801085857;"
            + "w01018-SampleTime=20160801080000,w01018-Rtd=50.0,w01018-Flag=N,w01018-EFlag=A01;"
            + "a21026-Rtd=35.55,a21026-ZsRtd=41.20,a21026-Flag=C;"
            + "a01013-Rtd=0.000,a01013-Flag=D",
            packet.Cp.ToString());
        Assert.Null(Hj212FrameEncoder.Validate(packet));
    }

    [Theory]
    [InlineData(Hj212CommandCode.MinuteData, "2051")]
    [InlineData(Hj212CommandCode.HourData, "2061")]
    [InlineData(Hj212CommandCode.DayData, "2031")]
    public void Period_data_writes_the_fields_that_are_set_in_the_standards_order(Hj212CommandCode command, string cn)
    {
        Hj212PeriodValue[] values =
        [
            new("w00000") { Cumulative = 10.5, Minimum = 1, Average = 2.25, Maximum = 3, Flag = Hj212DataFlag.Normal },
            new("a21026") { Minimum = 1, Average = 2, Maximum = 3, ConvertedMinimum = 1.5, ConvertedAverage = 2.5, ConvertedMaximum = 3.5, Cumulative = 0.01, Flag = Hj212DataFlag.Maintenance },
            new("a19001") { Average = 8.1 },
        ];

        var packet = Hj212Uploads.PeriodData(command, Station, "20160801085857223", new DateTime(2016, 8, 1, 8, 0, 0), values, new Hj212NumberFormat(2), acknowledgementRequired: true);

        Assert.Equal(cn, packet.Cn);
        Assert.Equal(new Hj212Flag(5), packet.Flag);
        Assert.Equal(
            "DataTime=20160801080000;"
            + "w00000-Cou=10.50,w00000-Min=1.00,w00000-Avg=2.25,w00000-Max=3.00,w00000-Flag=N;"
            + "a21026-Cou=0.01,a21026-Min=1.00,a21026-Avg=2.00,a21026-Max=3.00,a21026-ZsMin=1.50,a21026-ZsAvg=2.50,a21026-ZsMax=3.50,a21026-Flag=M;"
            + "a19001-Avg=8.10",
            packet.Cp.ToString());
    }

    [Fact]
    public void Minute_hour_and_day_helpers_pick_their_CN()
    {
        Hj212PeriodValue[] values = [new("w01018") { Average = 1 }];

        Assert.Equal("2051", Hj212Uploads.MinuteData(Station, "1", DataTime, values).Cn);
        Assert.Equal("2061", Hj212Uploads.HourData(Station, "1", DataTime, values).Cn);
        Assert.Equal("2031", Hj212Uploads.DayData(Station, "1", DataTime, values).Cn);
    }

    [Fact]
    public void Period_data_refuses_other_commands_and_empty_values()
    {
        Assert.Throws<ArgumentException>(() => Hj212Uploads.PeriodData(Hj212CommandCode.RealTimeData, Station, "1", DataTime, []));
        Assert.Throws<ArgumentException>(() => Hj212Uploads.MinuteData(Station, "1", DataTime, [new Hj212PeriodValue("w01018")]));
    }

    [Fact]
    public void Answers_to_host_requests_echo_the_request_QN()
    {
        var request = Hj212FrameDecoder.Decode(TestVectors.D5).Packet!;

        var time = Hj212Uploads.TimeResponse(Station, request, new DateTime(2016, 8, 1, 9, 0, 0), "w01018");
        var interval = Hj212Uploads.RealTimeIntervalResponse(Station, request, 30);
        var retention = Hj212Uploads.SampleRetentionResponse(Station, request, DataTime, 1);

        Assert.All(new[] { time, interval, retention }, packet =>
        {
            Assert.Equal(request.Qn, packet.Qn);
            Assert.Equal(new Hj212Flag(4), packet.Flag);
            Assert.Null(Hj212FrameEncoder.Validate(packet));
        });
        Assert.Equal("1011", time.Cn);
        Assert.Equal("PolId=w01018;SystemTime=20160801090000", time.Cp.ToString());
        Assert.Equal("1061", interval.Cn);
        Assert.Equal("RtdInterval=30", interval.Cp.ToString());
        Assert.Equal("3015", retention.Cn);
        Assert.Equal("DataTime=20160801085857;VaseNo=1", retention.Cp.ToString());
    }

    [Fact]
    public void Station_of_the_2025_edition_sends_Flag_8_or_9()
    {
        var station = Station with { Edition = Hj212Edition.Edition2025 };

        Assert.Equal(8, Hj212Uploads.Restart(station, "1", DataTime, DataTime).Flag!.Value.Value);
        Assert.Equal(9, Hj212Uploads.Restart(station, "1", DataTime, DataTime, acknowledgementRequired: true).Flag!.Value.Value);
    }
}
