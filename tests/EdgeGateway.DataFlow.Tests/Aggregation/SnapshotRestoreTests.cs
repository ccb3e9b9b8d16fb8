using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Aggregation.State;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>A restart in the middle of a window: snapshot to disk, restore, carry on.</summary>
public sealed class SnapshotRestoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-aggregation-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Positions in the reading sequence where the process "restarts" (the sequence has 10:00-11:00:30, 10 readings a poll).</summary>
    public static TheoryData<int> SplitPoints => [1, 7, 3_600 + 4, 3_603 * 2, 7_190, 7_215];

    [Theory]
    [MemberData(nameof(SplitPoints))]
    public void Snapshot_and_restore_mid_window_gives_the_records_of_an_uninterrupted_run(int split)
    {
        var readings = Scenario();
        var uninterrupted = Create(TimeSpan.FromSeconds(5), FlueGas(), Wastewater());
        var expected = Feed(uninterrupted, readings);
        expected.AddRange(uninterrupted.Advance(Local(11, 2)));

        var before = Create(TimeSpan.FromSeconds(5), FlueGas(), Wastewater());
        var actual = Feed(before, readings.Take(split));
        var file = new AggregationStateFile(Path.Combine(_directory, "state", "aggregation.json"));
        file.Save(before.ExportSnapshot());
        var after = Create(TimeSpan.FromSeconds(5), FlueGas(), Wastewater());
        actual.AddRange(after.Restore(file.Load()!, readings[split - 1].Timestamp));
        actual.AddRange(Feed(after, readings.Skip(split)));
        actual.AddRange(after.Advance(Local(11, 2)));

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]); // NaN == NaN for records: the B samples' NaN survived the JSON
        }

        Assert.Equal((uninterrupted.LateReadings, uninterrupted.OutOfOrderReadings), (after.LateReadings, after.OutOfOrderReadings));
        Assert.Contains(expected, record => record.Period == AggregatePeriod.Hour && record.IsValid);
    }

    [Fact]
    public void The_snapshot_holds_nan_values_and_infinite_extremes_as_named_literals()
    {
        var aggregator = Create(FlueGas());
        Feed(aggregator, Polls(Local(10), Local(10, 1, 10)).Select(time => At(So2, time, 80, DataFlag.B)));
        var file = new AggregationStateFile(Path.Combine(_directory, "aggregation.json"));

        file.Save(aggregator.ExportSnapshot());

        var json = File.ReadAllText(file.Path);
        Assert.Contains("\"NaN\"", json, StringComparison.Ordinal); // the open 10:01 window's B samples
        Assert.Contains("\"Infinity\"", json, StringComparison.Ordinal); // the hour's Min with no valid minute yet
        Assert.Contains("\"B\"", json, StringComparison.Ordinal); // flags as letters
        Assert.False(File.Exists(file.Path + ".tmp"));
    }

    [Fact]
    public void A_window_that_ended_while_the_process_was_down_closes_on_restore()
    {
        var before = Create(FlueGas());
        var records = Feed(before, Polls(Local(10), Local(10, 30, 20)).Select(time => At(So2, time, 80)));
        var snapshot = before.ExportSnapshot();

        // Down from 10:30:15 to 10:45:00.
        var after = Create(FlueGas());
        var onRestore = after.Restore(snapshot, Local(10, 45));
        records.AddRange(onRestore);

        // 10:30 had 4 samples (:00, :05, :10, :15): invalid, so B (the rest never came). 10:31 .. 10:44 saw nothing: B. No hour yet.
        Assert.Equal(15 * 6, onRestore.Count);
        var cut = onRestore.Starting(So2, AggregatePeriod.Minute, Local(10, 30));
        Assert.Equal((4, 4, false, DataFlag.B), (cut.TotalCount, cut.ValidCount, cut.IsValid, cut.Flag));
        Assert.All(onRestore.Of(So2, AggregatePeriod.Minute).Skip(1), minute => Assert.Equal((0, DataFlag.B), (minute.TotalCount, minute.Flag)));
        Assert.DoesNotContain(onRestore, record => record.Period != AggregatePeriod.Minute);

        // Back at 10:45: 30 valid minutes before, 15 after = 45: the hour is valid, just.
        records.AddRange(Feed(after, Polls(Local(10, 45), Local(11)).Select(time => At(So2, time, 80))));
        records.AddRange(after.Advance(Local(11)));
        var hour = records.Single(So2, AggregatePeriod.Hour);
        Assert.Equal((45, true), (hour.ValidCount, hour.IsValid));
        Assert.Equal((45, 15), (hour.Counts.N, hour.Counts.B)); // 10:30 is B: 4 samples, invalid, never N
        Assert.Equal(60, records.Of(So2, AggregatePeriod.Minute).Count());
    }

    [Fact]
    public void An_hour_that_ended_while_the_process_was_down_closes_invalid_on_restore()
    {
        var before = Create(FlueGas());
        Feed(before, Polls(Local(10), Local(10, 30, 20)).Select(time => At(So2, time, 80)));

        var onRestore = Create(FlueGas()).Restore(before.ExportSnapshot(), Local(11, 2));

        var hour = onRestore.Single(So2, AggregatePeriod.Hour);
        Assert.Equal((30, 60, false), (hour.ValidCount, hour.TotalCount, hour.IsValid));
        Assert.Equal(2, onRestore.Of(So2, AggregatePeriod.Minute).Count(minute => minute.StartUtc >= Local(11)));
    }

    [Fact]
    public void Readings_for_windows_closed_during_the_restore_are_late()
    {
        var before = Create(FlueGas());
        Feed(before, Polls(Local(10), Local(10, 0, 40)).Select(time => At(So2, time, 80)));
        before.Add(At(So2, Local(10, 1, 30), 80));
        before.Add(At(Nox, Local(10, 0, 50), 80)); // 10:00 closed at 10:01:30: late
        Assert.Equal(1, before.LateReadings);

        var after = Create(FlueGas());
        after.Restore(before.ExportSnapshot(), Local(10, 5));
        after.Add(At(Nox, Local(10, 4, 55), 80)); // 10:04 closed by the restore
        after.Add(At(Nox, Local(10, 5, 0), 80));

        Assert.Equal(2, after.LateReadings);
    }

    [Fact]
    public void An_outlet_whose_configuration_changed_starts_afresh()
    {
        var before = Create(Wastewater(minuteInterval: 1));
        Feed(before, Polls(Local(10), Local(10, 7, 30)).Select(time => At(Cod, time, 40)));

        var after = Create(Wastewater(minuteInterval: 10));
        var onRestore = after.Restore(before.ExportSnapshot(), Local(10, 7, 30));
        var records = Feed(after, Polls(Local(10, 7, 30), Local(10, 10)).Select(time => At(Cod, time, 40)));
        records.AddRange(after.Advance(Local(10, 10)));

        Assert.Empty(onRestore);
        var minute = records.Single(Cod, AggregatePeriod.Minute);
        Assert.Equal((Local(10), 30), (minute.StartUtc, minute.TotalCount)); // only what came after the restart
    }

    [Fact]
    public void Restore_is_only_for_a_fresh_aggregator()
    {
        var aggregator = Create(FlueGas());
        aggregator.Advance(Local(10));

        Assert.Throws<InvalidOperationException>(() => aggregator.Restore(aggregator.ExportSnapshot(), Local(10)));
    }

    [Fact]
    public void An_inconsistent_snapshot_is_refused_without_changing_anything()
    {
        var before = Create(FlueGas());
        Feed(before, Polls(Local(10), Local(10, 0, 20)).Select(time => At(So2, time, 80)));
        var snapshot = before.ExportSnapshot();
        var broken = snapshot with { Outlets = [snapshot.Outlets[0] with { LastSampleTicks = [1, 2] }] };

        var after = Create(FlueGas());

        Assert.Throws<ArgumentException>(() => after.Restore(broken, Local(10, 0, 20)));
        Assert.Null(after.Watermark);
    }

    [Fact]
    public void The_state_file_is_absent_before_the_first_save_and_refuses_garbage()
    {
        var file = new AggregationStateFile(Path.Combine(_directory, "aggregation.json"));

        Assert.Null(file.Load());
        File.WriteAllText(file.Path, "{ not json");
        Assert.Throws<InvalidDataException>(file.Load);
    }

    [Fact]
    public void Saving_replaces_the_previous_snapshot()
    {
        var file = new AggregationStateFile(Path.Combine(_directory, "aggregation.json"));
        var aggregator = Create(FlueGas());
        aggregator.Advance(Local(10));
        file.Save(aggregator.ExportSnapshot());
        aggregator.Advance(Local(10, 5));

        file.Save(aggregator.ExportSnapshot());

        Assert.Equal(Local(10, 5).UtcTicks, file.Load()!.WatermarkTicks);
        Assert.Equal(["aggregation.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    /// <summary>
    /// 10:00 to 11:00:30 on both outlets, 10 readings a poll in an order that changes, values that vary, an SO2
    /// calibration (C) 10:20-10:25, NH3-N bus errors (B, NaN) 10:25-10:35 and one duplicate reading.
    /// </summary>
    private static Reading[] Scenario()
    {
        var readings = new List<Reading>();
        var step = 0;
        foreach (var time in Polls(Local(10), Local(11, 0, 30)))
        {
            var calibrating = time >= Local(10, 20) && time < Local(10, 25);
            var busDown = time >= Local(10, 25) && time < Local(10, 35);
            Reading[] poll =
            [
                At(So2, time, calibrating ? 400 : 80 + (7 * Math.Sin(step / 10.0)), calibrating ? DataFlag.C : DataFlag.N),
                At(Nox, time, 150 + (step % 13)),
                At(O2, time, 8 + (step % 5 * 0.3)),
                At(GasFlow, time, 45 + (step % 7)),
                At(GasTemperature, time, 140.5),
                At(ParticulateTotal, time, 1000 + (step * 0.01)),
                At(Cod, time, 38 + (step % 11 * 0.7)),
                At(Nh3n, time, 2.5, busDown ? DataFlag.B : DataFlag.N),
                At(Ph, time, 7.1),
                At(WaterFlow, time, 20 + (step % 3)),
            ];
            // Rotate the order each poll: pairing must not depend on it.
            readings.AddRange(poll.Skip(step % poll.Length).Concat(poll.Take(step % poll.Length)));
            if (step == 400)
            {
                readings.Add(poll[0]);
            }

            step++;
        }

        return [.. readings];
    }
}
