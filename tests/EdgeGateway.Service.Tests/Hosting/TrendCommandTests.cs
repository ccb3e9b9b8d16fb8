using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Trend;
using EdgeGateway.Control.Trend;
using EdgeGateway.Hosting;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>
/// The control command <c>trend</c> on a real outbox: a channel's stored readings or minute records, oldest first,
/// thinned into equal time buckets beyond <c>maxPoints</c>.
/// </summary>
public sealed class TrendCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static readonly ChannelTable Channels = new(
    [
        new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(1, "cems", "nox", "a21002", "mg/m³", null),
    ]);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-trend-");
    private readonly SqliteOutbox _outbox;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TrendCommandHandler _trend;

    public TrendCommandTests()
    {
        _outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(_directory.FullName, "outbox.db"), Time = _time });
        _trend = new TrendCommandHandler(Channels, new OutboxTrendSource(_outbox), _time);
    }

    [Fact]
    public void Readings_of_the_last_hour_come_one_point_each_oldest_first_with_their_flags_and_only_of_that_channel()
    {
        Store(T0.AddMinutes(-90), (0, 1, DataFlag.N)); // before the default hour
        Store(T0.AddMinutes(-50), (0, 10.5, DataFlag.N), (1, 99, DataFlag.N));
        Store(T0.AddMinutes(-40), (0, 11.5, DataFlag.M), (1, 98, DataFlag.N));
        Store(T0.AddMinutes(-30), (0, double.NaN, DataFlag.B), (1, 97, DataFlag.N));
        _time.SetUtcNow(T0);

        var trend = Trend(new { channel = "cems.so2" });

        Assert.Equal(("cems.so2", "a21026", "mg/m³", "readings"), (trend.Channel, trend.Code, trend.Unit, trend.Period));
        Assert.Equal(T0.AddHours(-1), trend.Since);
        Assert.Equal(T0, trend.Until);
        Assert.Equal(
            [
                new TrendPoint(T0.AddMinutes(-50), 10.5, 10.5, 10.5, "N", 1),
                new TrendPoint(T0.AddMinutes(-40), 11.5, 11.5, 11.5, "M", 1),
                new TrendPoint(T0.AddMinutes(-30), null, null, null, "B", 1),
            ],
            trend.Points);
        var since = Trend(new { channel = "cems.so2", since = "2026-12-07T00:25:00Z" });
        Assert.Equal([1.0, 10.5, 11.5], since.Points.Where(point => point.V is not null).Select(point => point.V!.Value));
    }

    [Fact]
    public void More_readings_than_maxPoints_are_combined_into_equal_time_buckets_averaging_the_valid_values_under_the_most_severe_flag()
    {
        var since = T0.AddSeconds(-100);
        for (var second = 0; second < 100; second++)
        {
            // 10 buckets of 10 s: bucket 1 has a D spike, bucket 2 is all maintenance, bucket 3 has a B gap and a T.
            var flag = second switch
            {
                15 => DataFlag.D,
                >= 20 and < 30 => DataFlag.M,
                33 => DataFlag.B,
                34 => DataFlag.T,
                _ => DataFlag.N,
            };
            var value = second == 15 ? 500.0 : flag == DataFlag.B ? double.NaN : second;
            Store(since.AddSeconds(second), (0, value, flag));
        }

        var trend = Trend(new { channel = "cems.so2", since = since.ToString("O"), maxPoints = 10 });

        Assert.Equal(10, trend.Points.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(bucket => since.AddSeconds(bucket * 10)), trend.Points.Select(point => point.T));
        Assert.All(trend.Points, point => Assert.Equal(10, point.N));
        Assert.Equal(new TrendPoint(since, 4.5, 0, 9, "N", 10), trend.Points[0]);
        var spike = trend.Points[1];
        Assert.Equal(("D", (10 + 11 + 12 + 13 + 14 + 16 + 17 + 18 + 19) / 9.0, 10.0, 19.0), (spike.Flag, spike.V!.Value, spike.Min!.Value, spike.Max!.Value)); // the spike's 500 left out
        Assert.Equal(new TrendPoint(since.AddSeconds(20), 24.5, 20, 29, "M", 10), trend.Points[2]); // no valid value: all its values
        var gap = trend.Points[3];
        Assert.Equal("B", gap.Flag); // B outranks T
        Assert.Equal((30 + 31 + 32 + 35 + 36 + 37 + 38 + 39) / 8.0, gap.V);
    }

    [Fact]
    public void Minute_records_of_the_last_day_come_with_their_average_min_max_and_flag()
    {
        _outbox.Append([], [Minute(T0.AddHours(-25), 1, DataFlag.N), Minute(T0.AddMinutes(-3), 5.5, DataFlag.N), Minute(T0.AddMinutes(-2), double.NaN, DataFlag.B), Minute(T0.AddMinutes(-1), 7.5, DataFlag.D, channel: 1)], []);

        var trend = Trend(new { channel = "cems.so2", period = "minute" });

        Assert.Equal(T0.AddDays(-1), trend.Since);
        Assert.Equal([new TrendPoint(T0.AddMinutes(-3), 5.5, 5, 6, "N", 1), new TrendPoint(T0.AddMinutes(-2), null, 1.5, 2.5, "B", 1)], trend.Points);
    }

    [Theory]
    [InlineData("""{"channel":"cems.so2","period":"hour"}""", "period is readings or minute")]
    [InlineData("""{"channel":"cems.so2","period":7}""", "period is readings or minute")]
    [InlineData("""{"channel":"cems.so2","since":"yesterday"}""", "since 'yesterday' is not a date and time")]
    [InlineData("""{"channel":"cems.so2","since":"2027-01-01T00:00:00Z"}""", "is not in the past")]
    [InlineData("""{"channel":"cems.so2","maxPoints":5}""", "maxPoints is a whole number from 10 to 5000")]
    [InlineData("""{"channel":"cems.so2","maxPoints":"ten"}""", "maxPoints is a whole number from 10 to 5000")]
    [InlineData("""{"period":"readings"}""", "channel (device.channel) is required")]
    public void Bad_arguments_are_refused_as_invalid_argument_saying_which(string args, string message)
    {
        var response = _trend.Handle(new ControlRequest(ControlProtocol.Version, "1", "trend", JsonDocument.Parse(args).RootElement));

        Assert.False(response.Ok);
        Assert.Equal(CommandErrorCodes.InvalidArgument, response.Error!.Code);
        Assert.Contains(message, response.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_channel_is_not_found_naming_the_channel_keys()
    {
        var response = _trend.Handle(new ControlRequest(ControlProtocol.Version, "1", "trend", JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["channel"] = "cems.co" })));

        Assert.False(response.Ok);
        Assert.Equal(CommandErrorCodes.NotFound, response.Error!.Code);
        Assert.Contains("no channel 'cems.co'", response.Error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _directory.Delete(recursive: true);
    }

    private TrendResult Trend(object args)
    {
        var response = _trend.Handle(new ControlRequest(ControlProtocol.Version, "1", "trend", JsonDocument.Parse(JsonSerializer.Serialize(args)).RootElement));
        Assert.True(response.Ok, response.Error?.Message);
        return response.Result!.Value.Deserialize(ControlJsonContext.Default.TrendResult)!;
    }

    private void Store(DateTimeOffset at, params (int Channel, double Value, DataFlag Flag)[] readings) =>
        _outbox.Append([.. readings.Select(reading => new Reading(reading.Channel, at.UtcTicks, reading.Value, reading.Value, reading.Flag, FlagReason.None))], [], []);

    private static AggregateRecord Minute(DateTimeOffset start, double average, DataFlag flag, int channel = 0) => new()
    {
        Outlet = "stack",
        Channel = channel,
        Period = AggregatePeriod.Minute,
        StartUtc = start,
        StartLocal = start.ToOffset(TimeSpan.FromHours(8)),
        Length = TimeSpan.FromMinutes(1),
        Min = double.IsNaN(average) ? 1.5 : average - 0.5,
        Avg = average,
        Max = double.IsNaN(average) ? 2.5 : average + 0.5,
        ZsMin = double.NaN,
        ZsAvg = double.NaN,
        ZsMax = double.NaN,
        Cou = double.NaN,
        IsValid = flag == DataFlag.N,
        Flag = flag,
        ExpectedCount = 60,
        Counts = new FlagCounts(flag == DataFlag.N ? 60 : 0, 0, 0, 0, 0, 0, 0, flag == DataFlag.B ? 60 : 0),
        ValidCount = flag == DataFlag.N ? 60 : 0,
    };
}
