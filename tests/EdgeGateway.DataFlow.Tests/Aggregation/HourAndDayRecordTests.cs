using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>Hour records from minute records, day records from hour records.</summary>
public sealed class HourAndDayRecordTests
{
    [Theory]
    // interval, valid minute records, hour valid (⌈45 / interval⌉ needed), hour flag (≥ 75 % of the minute records N)
    [InlineData(1, 44, false, DataFlag.D)] // 44 minutes < 45; 44/60 = 73 %
    [InlineData(1, 45, true, DataFlag.N)] // 45/60 = 75 %
    [InlineData(5, 8, false, DataFlag.D)] // 40 minutes; 8/12 = 67 %
    [InlineData(5, 9, true, DataFlag.N)] // 45 minutes; 9/12 = 75 %
    [InlineData(10, 4, false, DataFlag.D)] // 40 minutes; 4/6 = 67 %
    [InlineData(10, 5, true, DataFlag.N)] // 50 minutes: 5 of 6, since 4 records only cover 40
    [InlineData(20, 2, false, DataFlag.D)] // 40 minutes: with 20-minute records all 3 must be valid
    [InlineData(20, 3, true, DataFlag.N)]
    [InlineData(30, 1, false, DataFlag.D)] // 30 minutes: with 30-minute records both must be valid; 1/2 = 50 %
    [InlineData(30, 2, true, DataFlag.N)]
    public void An_hour_needs_valid_minute_records_covering_45_minutes(int interval, int validRecords, bool valid, DataFlag flag)
    {
        var aggregator = Create(FlueGas(interval));
        // Window w (0-based) reads 100 + w; windows from validRecords on are D (instrument fault).
        var readings = Polls(Local(10), Local(11)).Select(time =>
        {
            var window = (int)(time - Local(10)).TotalMinutes / interval;
            return At(GasTemperature, time, 100 + window, window < validRecords ? DataFlag.N : DataFlag.D);
        });

        var hour = Feed(aggregator, readings).Concat(aggregator.Advance(Local(11))).Single(GasTemperature, AggregatePeriod.Hour);

        Assert.Equal(valid, hour.IsValid);
        Assert.Equal(flag, hour.Flag);
        Assert.Equal((60 / interval, 60 / interval, validRecords), (hour.ExpectedCount, hour.TotalCount, hour.ValidCount));
        // Mean of the valid windows' averages 100 .. 100 + validRecords − 1.
        Assert.Equal(100 + ((validRecords - 1) / 2.0), hour.Avg, 12);
        Assert.Equal((100.0, 100.0 + validRecords - 1), (hour.Min, hour.Max));
        Assert.Equal(Local(10), hour.StartLocal);
        Assert.Equal(TimeSpan.FromHours(1), hour.Length);
    }

    [Fact]
    public void A_calibration_in_the_middle_of_an_hour_leaves_it_valid_when_45_valid_minutes_remain()
    {
        var aggregator = Create(FlueGas(), Wastewater());
        // Calibration from 10:20:30 to 10:32:30: span gas 400 mg/m³ (C) instead of the stack's 80.
        var readings = Polls(Local(10), Local(11)).SelectMany(time =>
        {
            var calibrating = time >= Local(10, 20, 30) && time < Local(10, 32, 30);
            var (value, flag) = calibrating ? (400.0, DataFlag.C) : (80.0, DataFlag.N);
            return new[] { At(So2, time, value, flag), At(O2, time, 9), At(GasFlow, time, 50), At(Cod, time, value, flag), At(WaterFlow, time, 20) };
        });

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(11))).ToList();

        // 10:20 has 6 N + 6 C: 6 valid < 12, invalid, avg of the N part only; 50 % N → D.
        var split = records.Starting(So2, AggregatePeriod.Minute, Local(10, 20));
        Assert.Equal((6, 6, 6), (split.Counts.N, split.Counts.C, split.ValidCount));
        Assert.Equal((false, DataFlag.D, 80.0), (split.IsValid, split.Flag, split.Avg));
        // 10:21 .. 10:31 are all C: no values at all.
        var inside = records.Starting(So2, AggregatePeriod.Minute, Local(10, 25));
        Assert.Equal((12, 0), (inside.Counts.C, inside.ValidCount));
        Assert.True(double.IsNaN(inside.Avg));

        // 10:20 .. 10:32 = 13 invalid minutes, 47 valid ≥ 45.
        var so2Hour = records.Single(So2, AggregatePeriod.Hour);
        Assert.True(so2Hour.IsValid);
        Assert.Equal((47, 13), (so2Hour.Counts.N, so2Hour.Counts.D));
        Assert.Equal(DataFlag.N, so2Hour.Flag); // 47/60 = 78 % ≥ 75 %
        Assert.Equal((80.0, 80.0, 80.0), (so2Hour.Min, so2Hour.Avg, so2Hour.Max)); // the 400s never enter
        Assert.Equal(100, so2Hour.ZsAvg, 12); // 80 × 15/12
        // Mass over the 47 valid minutes: 80 mg/m³ × 50 m³/s × 60 s × 10⁻⁶ = 0.24 kg each → 11.28 kg.
        Assert.Equal(47 * 0.24, so2Hour.Cou, 9);
        // Flow volume over 60 valid minutes: 50 m³/s × 3600 s = 180 000 m³.
        Assert.Equal(180_000, records.Single(GasFlow, AggregatePeriod.Hour).Cou, 6);

        // Wastewater: the calibrated minutes are C (any abnormal sample), and so is the hour, though it is valid.
        var codHour = records.Single(Cod, AggregatePeriod.Hour);
        Assert.Equal((47, 13), (codHour.Counts.N, codHour.Counts.C));
        Assert.Equal((true, DataFlag.C, 80.0), (codHour.IsValid, codHour.Flag, codHour.Avg));
    }

    [Fact]
    public void A_bus_outage_across_the_hour_boundary_still_closes_the_hour_on_advance()
    {
        var aggregator = Create(TimeSpan.FromSeconds(5), FlueGas(), Wastewater());
        // Normal until 10:40; the bus answers nothing 10:40-10:50 (B readings); then the port loop is gone (no readings).
        var readings = Polls(Local(10), Local(10, 50)).SelectMany(time =>
        {
            var flag = time < Local(10, 40) ? DataFlag.N : DataFlag.B;
            return new[] { At(So2, time, 80, flag), At(Cod, time, 40, flag) };
        });
        var records = Feed(aggregator, readings);
        records.AddRange(aggregator.Advance(Local(10, 59, 59)));
        Assert.Empty(records.Of(So2, AggregatePeriod.Hour));

        // 10:59 ends at 11:00 and closes 5 s later (close delay); with it the hour.
        Assert.Empty(aggregator.Advance(Local(11, 0, 4)));
        var atTheHour = aggregator.Advance(Local(11, 0, 5));
        records.AddRange(atTheHour);

        // Closing order: the stack's 10:59 minute, then its hour, then the same for the drain (6 and 4 channels).
        Assert.Equal(
            [.. Repeat(AggregatePeriod.Minute, 6), .. Repeat(AggregatePeriod.Hour, 6), .. Repeat(AggregatePeriod.Minute, 4), .. Repeat(AggregatePeriod.Hour, 4)],
            atTheHour.Select(record => record.Period));
        Assert.Equal([.. Repeat("stack", 12), .. Repeat("drain", 8)], atTheHour.Select(record => record.Outlet));

        var busDown = records.Starting(So2, AggregatePeriod.Minute, Local(10, 45));
        Assert.Equal((12, 0, false), (busDown.Counts.B, busDown.ValidCount, busDown.IsValid));
        Assert.Equal(DataFlag.B, busDown.Flag); // flue gas: nothing but bus errors is B (docs/data-quality.md)
        Assert.Equal(DataFlag.B, records.Starting(Cod, AggregatePeriod.Minute, Local(10, 45)).Flag);
        var nothing = records.Starting(So2, AggregatePeriod.Minute, Local(10, 55));
        Assert.Equal((0, DataFlag.B, false), (nothing.TotalCount, nothing.Flag, nothing.IsValid));
        Assert.Equal(60, records.Of(So2, AggregatePeriod.Minute).Count());

        var so2Hour = records.Single(So2, AggregatePeriod.Hour);
        // 40 normal minutes, 10 of bus errors (B), 10 with no reading at all (B).
        Assert.Equal((40, 0, 20), (so2Hour.Counts.N, so2Hour.Counts.D, so2Hour.Counts.B));
        Assert.Equal((false, DataFlag.B), (so2Hour.IsValid, so2Hour.Flag)); // 40/60 = 67 % N, and every other minute is B: an outage, not a fault
        var codHour = records.Single(Cod, AggregatePeriod.Hour);
        Assert.Equal((40, 20), (codHour.Counts.N, codHour.Counts.B));
        Assert.Equal((false, DataFlag.B), (codHour.IsValid, codHour.Flag));

        // The outage goes on: the next minutes keep closing on Advance alone.
        var later = aggregator.Advance(Local(11, 10, 5));
        Assert.Equal(10, later.Of(So2, AggregatePeriod.Minute).Count());
        Assert.All(later, record => Assert.Equal(DataFlag.B, record.Flag));
    }

    [Theory]
    // valid hours, day valid (≥ 20), day flag (≥ 75 % of the 24 hour records N)
    [InlineData(20, true, DataFlag.N)]
    [InlineData(19, false, DataFlag.D)] // 19/24 = 79 % N, but invalid: never N (the other hours are D)
    [InlineData(18, false, DataFlag.D)] // 18/24 = 75 %, invalid too
    [InlineData(17, false, DataFlag.D)]
    public void A_day_needs_20_valid_hours(int validHours, bool valid, DataFlag flag)
    {
        var aggregator = Create(FlueGas());
        var midnight = Local(0);
        // Hour h reads h; hours from validHours on are D.
        var readings = Polls(midnight, midnight.AddDays(1)).Select(time =>
        {
            var hour = (time - midnight).Hours;
            return At(GasTemperature, time, hour, hour < validHours ? DataFlag.N : DataFlag.D);
        });

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(midnight.AddDays(1))).ToList();

        var day = records.Single(GasTemperature, AggregatePeriod.Day);
        Assert.Equal((valid, flag), (day.IsValid, day.Flag));
        Assert.Equal((24, 24, validHours), (day.ExpectedCount, day.TotalCount, day.ValidCount));
        Assert.Equal((validHours - 1) / 2.0, day.Avg, 12); // mean of 0 .. validHours − 1
        Assert.Equal(TimeSpan.FromDays(1), day.Length);
        // The day closes last, right after its last hour, which closes right after its last minute.
        Assert.Equal(
            [.. Repeat(AggregatePeriod.Minute, 6), .. Repeat(AggregatePeriod.Hour, 6), .. Repeat(AggregatePeriod.Day, 6)],
            records.TakeLast(18).Select(record => record.Period));
    }

    public static TheoryData<string> Zones => ["tzdata", "fixed"];

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_reading_at_23_59_59_utc_belongs_to_the_07_00_local_hour(string zone)
    {
        var aggregator = CreateIn(zone);
        var reading = new DateTimeOffset(2024, 3, 1, 23, 59, 59, TimeSpan.Zero);

        var records = aggregator.Add(At(So2, reading, 80)).Concat(aggregator.Advance(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero))).ToList();

        var minute = records.Single(So2, AggregatePeriod.Minute);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 7, 59, 0, Cst), minute.StartLocal);
        var hour = records.Single(So2, AggregatePeriod.Hour);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 23, 0, 0, TimeSpan.Zero), hour.StartUtc);
        Assert.Equal((TimeSpan.Zero, Cst), (hour.StartUtc.Offset, hour.StartLocal.Offset));
        Assert.Equal(new DateTime(2024, 3, 2, 7, 0, 0), hour.StartLocal.DateTime);
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void The_local_day_starts_at_16_00_utc_the_day_before(string zone)
    {
        var aggregator = CreateIn(zone);
        var utc = new DateTimeOffset(2024, 3, 1, 15, 58, 0, TimeSpan.Zero);
        var readings = Polls(utc, utc.AddMinutes(4)).Select(time => At(So2, time, 80));

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(utc.AddMinutes(4))).ToList();

        // 16:00 UTC is midnight in Beijing: the hour 15:00-16:00 UTC and the day of 1 March (local) close there.
        var day = records.Single(So2, AggregatePeriod.Day);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 16, 0, 0, TimeSpan.Zero), day.StartUtc);
        Assert.Equal(new DateTime(2024, 3, 1), day.StartLocal.DateTime);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 16, 0, 0, TimeSpan.Zero), day.EndUtc);
        Assert.Equal(1, day.TotalCount); // one (partial) hour seen since the start
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 23, 0, 0, Cst), records.Single(So2, AggregatePeriod.Hour).StartLocal);
        Assert.Equal(4, records.Of(So2, AggregatePeriod.Minute).Count());
    }

    [Fact]
    public void The_default_zone_is_asia_shanghai_where_tzdata_exists()
    {
        var zone = SiteTimeZones.ChinaStandardTime();

        Assert.Equal(TimeSpan.FromHours(8), zone.GetUtcOffset(DateTime.UtcNow));
        if (File.Exists("/usr/share/zoneinfo/Asia/Shanghai"))
        {
            Assert.Equal("Asia/Shanghai", zone.Id);
        }
    }

    [Fact]
    public void After_a_long_jump_only_max_gap_fill_of_empty_windows_is_filled()
    {
        var aggregator = new Aggregator(
            new AggregationSettings { Outlets = [Wastewater()], CloseDelay = TimeSpan.Zero, MaxGapFill = TimeSpan.FromHours(2) }, Channels());
        aggregator.Add(At(Cod, Local(10, 0, 30), 40));

        var minutes = aggregator.Advance(Local(15)).Of(Cod, AggregatePeriod.Minute).ToList();

        // 10:00 (with its sample) closes normally; 10:01 .. 12:59 are skipped; 13:00 .. 14:59 (2 h) are filled.
        Assert.Equal(1 + 120, minutes.Count);
        Assert.Equal(Local(10), minutes[0].StartUtc);
        Assert.Equal(Local(13), minutes[1].StartUtc);
        Assert.Equal(Local(14, 59), minutes[^1].StartUtc);
    }

    [Fact]
    public void After_a_long_jump_the_hour_of_the_last_data_closes_with_what_it_had()
    {
        var aggregator = new Aggregator(
            new AggregationSettings { Outlets = [Wastewater()], CloseDelay = TimeSpan.Zero, MaxGapFill = TimeSpan.FromHours(2) }, Channels());
        aggregator.Add(At(Cod, Local(10, 0, 30), 40));

        var hours = aggregator.Advance(Local(15)).Of(Cod, AggregatePeriod.Hour).ToList();

        Assert.Equal([Local(10), Local(13), Local(14)], hours.Select(hour => hour.StartUtc));
        Assert.Equal(1, hours[0].TotalCount); // only the 10:00 minute was recorded
        Assert.Equal(60, hours[1].TotalCount);
    }

    private static IEnumerable<T> Repeat<T>(T item, int count) => Enumerable.Repeat(item, count);

    private static Aggregator CreateIn(string zone) => new(
        new AggregationSettings
        {
            Outlets = [FlueGas()],
            CloseDelay = TimeSpan.Zero,
            SiteTimeZone = zone == "fixed" ? SiteTimeZones.FixedChinaStandardTime() : SiteTimeZones.ChinaStandardTime(),
        },
        Channels());
}
