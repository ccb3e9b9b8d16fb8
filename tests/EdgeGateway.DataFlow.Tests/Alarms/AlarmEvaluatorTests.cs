using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.DataFlow.Tests.Alarms;

/// <summary>The emission limit rules on recorded series of minute and hour records.</summary>
public sealed class AlarmEvaluatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Ultra-low emission SO2: 35 mg/m³ converted hourly average; pre-warning at 80 % (28) over 15 valid minutes.
    private static readonly EmissionLimit So2 = new(0, "cems.so2", LimitQuantity.HourlyConverted, 35, 0.8, TimeSpan.FromMinutes(15), 0.05);

    [Fact]
    public void A_pre_warning_is_raised_once_when_the_rolling_average_passes_80_percent_and_clears_only_below_the_hysteresis()
    {
        var evaluator = new AlarmEvaluator([So2]);
        var series = Enumerable.Repeat(25.0, 15)      // below 28: nothing
            .Concat(Enumerable.Repeat(34.0, 15))      // the rolling average climbs past 28
            .Concat(Enumerable.Repeat(27.5, 15))      // back under 28 but above 26.6: still active
            .Concat(Enumerable.Repeat(20.0, 15))      // under 26.6: cleared
            .ToArray();

        var transitions = Minutes(series).SelectMany(record => evaluator.Evaluate([record])).ToList();

        Assert.Equal([AlarmChange.Raised], transitions.Where(change => change.Change != AlarmChange.Updated).Take(1).Select(change => change.Change));
        Assert.Single(transitions, change => change.Change == AlarmChange.Raised);
        Assert.Single(transitions, change => change.Change == AlarmChange.Cleared);
        Assert.All(transitions, change => Assert.Equal(AlarmRule.PreWarning, change.Alarm.Rule));
        var raised = transitions.First(change => change.Change == AlarmChange.Raised).Alarm;
        Assert.True(raised.Value > 28 && raised.Value < 29, $"raised at a rolling average of {raised.Value}");
        Assert.Equal(28, raised.Threshold, 9);
        var cleared = transitions.Single(change => change.Change == AlarmChange.Cleared);
        Assert.True(cleared.Alarm.Value < 28 * 0.95, $"cleared at {cleared.Alarm.Value}");
        Assert.True(transitions.IndexOf(cleared) > transitions.FindLastIndex(change => change.Change == AlarmChange.Updated));
        Assert.Empty(evaluator.Active);
    }

    [Fact]
    public void An_hourly_converted_average_over_the_limit_is_an_exceedance_until_it_falls_below_the_hysteresis()
    {
        var evaluator = new AlarmEvaluator([So2 with { PreWarningFraction = null }]);

        var changes = new[] { 30.0, 40, 38, 41, 34, 30 }.Select((zs, hour) => evaluator.Evaluate([Hour(hour, zs)])).ToList();

        Assert.Empty(changes[0]);
        Assert.Equal(AlarmChange.Raised, Assert.Single(changes[1]).Change);
        Assert.Equal(40, changes[1][0].Alarm.Value);
        Assert.Equal(Start.AddHours(1), changes[1][0].Alarm.WindowStart);
        Assert.Empty(changes[2]);                                  // the same episode, no new peak
        Assert.Equal(AlarmChange.Updated, Assert.Single(changes[3]).Change);
        Assert.Equal(41, changes[3][0].Alarm.Peak);
        Assert.Empty(changes[4]);                                  // 34 < 35 but > 33.25: not cleared yet
        var cleared = Assert.Single(changes[5]);
        Assert.Equal(AlarmChange.Cleared, cleared.Change);
        Assert.Equal(41, cleared.Alarm.Peak);
    }

    [Fact]
    public void Flagged_data_neither_raise_nor_clear_an_alarm()
    {
        var evaluator = new AlarmEvaluator([So2]);

        // Calibration gas at 400 mg/m³ for half an hour: minute records invalid (flag C), hour record invalid.
        var calibration = Minutes(Enumerable.Repeat(400.0, 30).ToArray(), valid: false).SelectMany(record => evaluator.Evaluate([record]));
        Assert.Empty(calibration);
        Assert.Empty(evaluator.Evaluate([Hour(0, 400, valid: false)]));

        // An active exceedance is not cleared by an invalid hour either.
        evaluator.Evaluate([Hour(1, 50)]);
        Assert.Empty(evaluator.Evaluate([Hour(2, 5, valid: false)]));
        Assert.Single(evaluator.Active);
    }

    [Fact]
    public void An_episode_that_spans_a_restart_is_not_raised_twice()
    {
        var directory = Directory.CreateTempSubdirectory("egw-alarms-").FullName;
        try
        {
            var file = new AlarmStateFile(Path.Combine(directory, "alarms.json"));
            var before = new AlarmEvaluator([So2 with { PreWarningFraction = null }]);
            Assert.Equal(AlarmChange.Raised, Assert.Single(before.Evaluate([Hour(0, 40)])).Change);
            file.Save(before.Active);

            var after = new AlarmEvaluator([So2 with { PreWarningFraction = null }], file.Load());

            Assert.Empty(after.Evaluate([Hour(1, 39)]));
            Assert.Equal(AlarmChange.Cleared, Assert.Single(after.Evaluate([Hour(2, 20)])).Change);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_measured_limit_compares_the_measured_average_and_a_converted_one_the_converted()
    {
        var measured = new AlarmEvaluator([So2 with { Quantity = LimitQuantity.HourlyAverage, PreWarningFraction = null }]);
        var converted = new AlarmEvaluator([So2 with { PreWarningFraction = null }]);
        var hour = Hour(0, zs: 50) with { Avg = 20 };

        Assert.Empty(measured.Evaluate([hour]));
        Assert.Single(converted.Evaluate([hour]));
    }

    [Fact]
    public void One_valid_minute_after_an_outage_does_not_decide_a_pre_warning_alone()
    {
        var evaluator = new AlarmEvaluator([So2]);
        var records = Minutes([.. Enumerable.Repeat(0.0, 20)], valid: false).Append(Minute(20, 100));

        Assert.Empty(records.SelectMany(record => evaluator.Evaluate([record])));
    }

    [Fact]
    public void Records_of_other_channels_are_ignored()
    {
        var evaluator = new AlarmEvaluator([So2 with { PreWarningFraction = null }]);

        Assert.Empty(evaluator.Evaluate([Hour(0, 400) with { Channel = 1 }]));
    }

    private static IEnumerable<AggregateRecord> Minutes(double[] zs, bool valid = true) => zs.Select((value, minute) => Minute(minute, value, valid));

    private static AggregateRecord Minute(int minute, double zs, bool valid = true) => Record(AggregatePeriod.Minute, Start.AddMinutes(minute), TimeSpan.FromMinutes(1), zs, valid);

    private static AggregateRecord Hour(int hour, double zs, bool valid = true) => Record(AggregatePeriod.Hour, Start.AddHours(hour), TimeSpan.FromHours(1), zs, valid);

    private static AggregateRecord Record(AggregatePeriod period, DateTimeOffset start, TimeSpan length, double zs, bool valid) => new()
    {
        Outlet = "DA001",
        Channel = 0,
        Period = period,
        StartUtc = start,
        StartLocal = start.ToOffset(TimeSpan.FromHours(8)),
        Length = length,
        Min = zs * 0.8,
        Avg = zs * 0.8,
        Max = zs * 0.8,
        ZsMin = zs,
        ZsAvg = zs,
        ZsMax = zs,
        Cou = double.NaN,
        IsValid = valid,
        Flag = valid ? DataFlag.N : DataFlag.C,
        ExpectedCount = 60,
        Counts = valid ? new FlagCounts(60, 0, 0, 0, 0, 0, 0, 0) : new FlagCounts(0, 0, 0, 0, 0, 60, 0, 0),
        ValidCount = valid ? 60 : 0,
    };
}
