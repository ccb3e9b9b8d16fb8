using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using static EdgeGateway.DataFlow.Tests.Aggregation.TestSite;

namespace EdgeGateway.DataFlow.Tests.Aggregation;

/// <summary>Minute records from readings: validity, Min/Avg/Max, Zs, Cou, counts. Polls every 5 s: 12 per minute.</summary>
public sealed class MinuteRecordTests
{
    [Theory]
    [InlineData(12, true)]
    [InlineData(11, false)] // n ≥ 12 (HJ 212 Annex D eq. 23)
    public void A_minute_needs_12_valid_samples(int validSamples, bool valid)
    {
        var aggregator = Create(FlueGas());
        var readings = Polls(Local(10), Local(10, 1)).Select((time, i) => At(GasTemperature, time, 150 + i, i < validSamples ? DataFlag.N : DataFlag.D));

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1)));

        var minute = records.Single(GasTemperature, AggregatePeriod.Minute);
        Assert.Equal(valid, minute.IsValid);
        Assert.Equal((12, validSamples, 12), (minute.TotalCount, minute.ValidCount, minute.ExpectedCount));
        // Either way ≥ 75 % of the 12 samples are N (11/12 = 91.7 %), but a minute with too few valid samples is never
        // N: it takes its most serious abnormal flag.
        Assert.Equal(valid ? DataFlag.N : DataFlag.D, minute.Flag);
        // Values 150..161; with 11 valid, 150..160: mean 155.
        Assert.Equal(validSamples == 12 ? 155.5 : 155, minute.Avg, 9);
    }

    [Fact]
    public void Invalid_samples_are_counted_per_flag_but_left_out_of_min_avg_max()
    {
        var aggregator = Create(FlueGas());
        DataFlag[] flags = [DataFlag.N, DataFlag.C, DataFlag.N, DataFlag.S, DataFlag.N, DataFlag.M, DataFlag.N, DataFlag.T, DataFlag.N, DataFlag.B, DataFlag.N, DataFlag.D];
        var readings = Polls(Local(10), Local(10, 1)).Select((time, i) => At(GasTemperature, time, 100 + (10 * i), flags[i]));

        var minute = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).Single(GasTemperature, AggregatePeriod.Minute);

        // Valid: N at 0, 2, 4, 6, 8, 10 and S at 3 → values 100, 120, 130, 140, 160, 180, 200: mean 1030 / 7.
        Assert.Equal(new FlagCounts(N: 6, F: 0, M: 1, S: 1, D: 1, C: 1, T: 1, B: 1), minute.Counts);
        Assert.Equal(7, minute.ValidCount);
        // Records keep nine significant digits (AggregatePrecision): 147.142857.
        Assert.Equal((100.0, 147.142857, 200.0), (minute.Min, minute.Avg, minute.Max));
        Assert.False(minute.IsValid); // 7 < 12
        Assert.Equal(DataFlag.D, minute.Flag); // 6/12 N = 50 %, and N + S = 58 % < 75 %
    }

    [Fact]
    public void Converted_values_use_the_o2_of_the_same_poll()
    {
        var aggregator = Create(FlueGas());
        var polls = Polls(Local(10), Local(10, 1)).ToArray();
        var readings = new List<Reading>();
        for (var i = 0; i < 12; i++)
        {
            // 6 polls C = 30 at O2 = 9 %: 30 × (21 − 6)/(21 − 9) = 30 × 15/12 = 37.5
            // 4 polls C = 40 at O2 = 11 %: 40 × 15/10 = 60
            // 1 poll C = 50 with the O2 analyser calibrating: no Zs
            // 1 poll C = 20 at O2 = 21 % (air): no Zs
            var (so2, o2, o2Flag) = i switch
            {
                < 6 => (30.0, 9.0, DataFlag.N),
                < 10 => (40.0, 11.0, DataFlag.N),
                10 => (50.0, 20.9, DataFlag.C),
                _ => (20.0, 21.0, DataFlag.N),
            };
            // O2 arrives after SO2 on odd polls: pairing goes by timestamp, not by arrival.
            Reading[] poll = [At(So2, polls[i], so2), At(O2, polls[i], o2, o2Flag), At(GasTemperature, polls[i], 140)];
            readings.AddRange(i % 2 == 0 ? poll : [poll[1], poll[2], poll[0]]);
        }

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).ToList();

        var so2Minute = records.Single(So2, AggregatePeriod.Minute);
        Assert.Equal(37.5, so2Minute.ZsMin);
        Assert.Equal(60, so2Minute.ZsMax);
        Assert.Equal(((6 * 37.5) + (4 * 60)) / 10, so2Minute.ZsAvg, 12); // 46.5
        Assert.Equal(((6 * 30) + (4 * 40) + 50 + 20) / 12.0, so2Minute.Avg, 7); // the measured mean keeps all 12: 34.1666667 (nine significant digits)
        // Neither O2 itself nor a condition such as temperature is converted.
        Assert.True(double.IsNaN(records.Single(O2, AggregatePeriod.Minute).ZsAvg));
        Assert.True(double.IsNaN(records.Single(GasTemperature, AggregatePeriod.Minute).ZsAvg));
    }

    [Fact]
    public void Zs_needs_exactly_the_same_timestamp_unless_a_tolerance_is_configured()
    {
        var exact = Create(FlueGas());
        var tolerant = Create(FlueGas() with { PairingTolerance = TimeSpan.FromSeconds(1) });
        // O2 polled on another bus, 300 ms after SO2.
        var readings = Polls(Local(10), Local(10, 1))
            .SelectMany(time => new[] { At(So2, time, 30), At(O2, time.AddMilliseconds(300), 9) })
            .ToList();

        var withoutTolerance = Feed(exact, readings).Concat(exact.Advance(Local(10, 1))).Single(So2, AggregatePeriod.Minute);
        var withTolerance = Feed(tolerant, readings).Concat(tolerant.Advance(Local(10, 1))).Single(So2, AggregatePeriod.Minute);

        Assert.True(double.IsNaN(withoutTolerance.ZsAvg));
        Assert.Equal(37.5, withTolerance.ZsAvg);
    }

    [Fact]
    public void Flue_gas_flow_gives_volume_and_pollutants_give_mass()
    {
        var aggregator = Create(FlueGas());
        var readings = Polls(Local(10), Local(10, 1)).SelectMany((time, i) => new[]
        {
            At(So2, time, 100),
            At(Nox, time, 200, i == 0 ? DataFlag.C : DataFlag.N), // the calibrating sample carries no mass
            At(GasFlow, time, i == 11 ? 60 : 50),
            At(GasTemperature, time, 140),
            At(ParticulateTotal, time, 1234.5),
        });

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).ToList();

        // Each sample stands for 5 s. Volume: (11 × 50 + 60) m³/s × 5 s = 3050 m³.
        Assert.Equal(3050, records.Single(GasFlow, AggregatePeriod.Minute).Cou, 9);
        // SO2: 100 mg/m³ × (11 × 50 + 60) m³/s × 5 s × 10⁻⁶ = 0.305 kg.
        Assert.Equal(0.305, records.Single(So2, AggregatePeriod.Minute).Cou, 12);
        // NOx: the first sample (C) is out: 200 × (10 × 50 + 60) × 5 × 10⁻⁶ = 0.56 kg.
        Assert.Equal(0.56, records.Single(Nox, AggregatePeriod.Minute).Cou, 12);
        // Temperature and the totaliser (a34013 in kg, not a concentration) have no Cou and no Zs.
        Assert.True(double.IsNaN(records.Single(GasTemperature, AggregatePeriod.Minute).Cou));
        Assert.True(double.IsNaN(records.Single(ParticulateTotal, AggregatePeriod.Minute).Cou));
        Assert.True(double.IsNaN(records.Single(ParticulateTotal, AggregatePeriod.Minute).ZsAvg));
    }

    [Fact]
    public void Wastewater_flow_in_litres_per_second_gives_cubic_metres_and_kilograms()
    {
        var aggregator = Create(Wastewater(minuteInterval: 10));
        var readings = Polls(Local(10), Local(10, 10)).SelectMany((time, i) => new[]
        {
            At(Cod, time, 40),
            At(Ph, time, 7.2),
            At(WaterFlow, time, 20),
            At(Nh3n, time, 2.5, i == 5 ? DataFlag.B : DataFlag.N),
        });

        var records = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 10))).ToList();

        var flow = records.Single(WaterFlow, AggregatePeriod.Minute);
        // 120 samples × 20 L/s × 5 s × 10⁻³ = 12 m³.
        Assert.Equal(12, flow.Cou, 9);
        Assert.Equal((120, 120), (flow.TotalCount, flow.ExpectedCount));
        // COD: 40 mg/L × 20 L/s × 5 s × 120 × 10⁻⁶ = 0.48 kg.
        Assert.Equal(0.48, records.Single(Cod, AggregatePeriod.Minute).Cou, 12);
        // NH3-N lost one sample to B: 2.5 × 20 × 5 × 119 × 10⁻⁶ = 0.02975 kg; and any abnormal sample makes the record B.
        var nh3n = records.Single(Nh3n, AggregatePeriod.Minute);
        Assert.Equal(0.02975, nh3n.Cou, 12);
        Assert.Equal(DataFlag.B, nh3n.Flag);
        Assert.True(nh3n.IsValid); // 119 valid samples ≥ 12
        Assert.True(double.IsNaN(records.Single(Ph, AggregatePeriod.Minute).Cou)); // pH has no load
    }

    [Fact]
    public void A_sample_stands_for_the_gap_to_its_predecessor_capped()
    {
        var aggregator = Create(FlueGas() with { MaxSampleShare = TimeSpan.FromSeconds(10) });
        // Flow samples at :00, :05, :10, then nothing until :50, then :55.
        int[] seconds = [0, 5, 10, 50, 55];
        var readings = seconds.Select(second => At(GasFlow, Local(10, 0, second), 10));

        var flow = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 1))).Single(GasFlow, AggregatePeriod.Minute);

        // Shares: 5 s (first sample: one poll interval), 5, 5, 40 → capped at 10, 5: 30 s × 10 m³/s = 300 m³.
        Assert.Equal(300, flow.Cou, 9);
    }

    [Theory]
    [InlineData(89, false)] // ⌈0.75 × 120⌉ = 90
    [InlineData(90, true)]
    public void A_fraction_of_the_expected_samples_can_replace_the_fixed_12(int validSamples, bool valid)
    {
        var rules = Wastewater(minuteInterval: 10) with { Validity = new ValidityThresholds { MinSampleFraction = 0.75 } };
        var aggregator = Create(rules);
        var readings = Polls(Local(10), Local(10, 10)).Select((time, i) => At(Cod, time, 40, i < validSamples ? DataFlag.N : DataFlag.D));

        var minute = Feed(aggregator, readings).Concat(aggregator.Advance(Local(10, 10))).Single(Cod, AggregatePeriod.Minute);

        Assert.Equal(valid, minute.IsValid);
        Assert.Equal(DataFlag.D, minute.Flag);
    }

    [Fact]
    public void A_window_without_any_reading_is_an_invalid_b_record_with_zero_counts()
    {
        var aggregator = Create(Wastewater());
        aggregator.Advance(Local(10));

        var records = aggregator.Advance(Local(10, 1));

        Assert.Equal(4, records.Count); // one per outlet channel, in the outlet's order
        Assert.Equal([Cod, Nh3n, Ph, WaterFlow], records.Select(record => record.Channel));
        Assert.All(records, record =>
        {
            Assert.Equal(DataFlag.B, record.Flag);
            Assert.False(record.IsValid);
            Assert.Equal(default, record.Counts);
            Assert.True(double.IsNaN(record.Avg));
        });
        Assert.Equal(0, records.Single(WaterFlow, AggregatePeriod.Minute).Cou); // a flow channel with no flow
    }

    [Theory]
    [InlineData(5, 60)]
    [InlineData(10, 120)]
    public void Longer_minute_intervals_align_to_the_clock(int interval, int samples)
    {
        var aggregator = Create(Wastewater(interval));
        var readings = Polls(Local(10, 3), Local(11)).Select(time => At(Cod, time, 40));

        var minutes = Feed(aggregator, readings).Concat(aggregator.Advance(Local(11))).Of(Cod, AggregatePeriod.Minute).ToList();

        // Starting at 10:03: the first window is the one containing 10:03 (10:00), partial.
        Assert.Equal(60 / interval, minutes.Count);
        Assert.Equal(Enumerable.Range(0, 60 / interval).Select(i => Local(10, i * interval)), minutes.Select(minute => minute.StartUtc));
        Assert.All(minutes, minute => Assert.Equal(TimeSpan.FromMinutes(interval), minute.Length));
        Assert.All(minutes.Skip(1), minute => Assert.Equal((samples, samples), (minute.TotalCount, minute.ExpectedCount)));
        Assert.Equal(samples - 36, minutes[0].TotalCount); // 3 minutes × 12 polls missed
    }
}
