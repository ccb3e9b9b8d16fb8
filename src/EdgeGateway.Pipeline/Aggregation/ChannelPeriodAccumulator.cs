namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// One channel's hour or day in progress, summed from its closed child records (minutes for an hour, hours for a
/// day): counts per flag, and the valid children's averages, extremes, Zs and Cou.
/// </summary>
internal sealed class ChannelPeriodAccumulator
{
    public int[] FlagCounts { get; } = new int[Aggregation.FlagCounts.FlagCount];

    public int ValidCount { get; set; }

    public double AvgSum { get; set; }

    public double Min { get; set; } = double.PositiveInfinity;

    public double Max { get; set; } = double.NegativeInfinity;

    public int ZsCount { get; set; }

    public double ZsAvgSum { get; set; }

    public double ZsMin { get; set; } = double.PositiveInfinity;

    public double ZsMax { get; set; } = double.NegativeInfinity;

    public double CouSum { get; set; }

    /// <summary>
    /// Every child is counted by its flag; only valid children enter the values. Cou sums the valid children too, as
    /// HJ 75 sums a day's flow over its valid hours; an invalid child's mass is left to the platform's substitution.
    /// </summary>
    public void Add(AggregateRecord child)
    {
        FlagCounts[(int)child.Flag]++;
        if (!child.IsValid)
        {
            return;
        }

        ValidCount++;
        AvgSum += child.Avg;
        Min = Math.Min(Min, child.Min);
        Max = Math.Max(Max, child.Max);
        if (double.IsFinite(child.ZsAvg))
        {
            ZsCount++;
            ZsAvgSum += child.ZsAvg;
            ZsMin = Math.Min(ZsMin, child.ZsMin);
            ZsMax = Math.Max(ZsMax, child.ZsMax);
        }

        if (double.IsFinite(child.Cou))
        {
            CouSum += child.Cou;
        }
    }

    public AggregateRecord ToRecord(OutletLayout layout, OutletChannel channel, AggregatePeriod period, long startTicks, long lengthTicks, int expectedCount, bool isValid)
    {
        var counts = Aggregation.FlagCounts.FromArray(FlagCounts);
        var hasValues = ValidCount > 0;
        var hasZs = ZsCount > 0;
        return new AggregateRecord
        {
            Outlet = layout.Name,
            Channel = channel.Index,
            Period = period,
            StartUtc = new DateTimeOffset(startTicks, TimeSpan.Zero),
            StartLocal = layout.Calendar.Local(startTicks),
            Length = TimeSpan.FromTicks(lengthTicks),
            Min = hasValues ? Min : double.NaN,
            Avg = hasValues ? AvgSum / ValidCount : double.NaN,
            Max = hasValues ? Max : double.NaN,
            ZsMin = hasZs ? ZsMin : double.NaN,
            ZsAvg = hasZs ? ZsAvgSum / ZsCount : double.NaN,
            ZsMax = hasZs ? ZsMax : double.NaN,
            Cou = HasCou(layout, channel) ? CouSum : double.NaN,
            IsValid = isValid,
            Flag = RecordFlagRule.Combine(layout.Kind, counts, isValid),
            ExpectedCount = expectedCount,
            Counts = counts,
            ValidCount = ValidCount,
        };
    }

    public static bool HasCou(OutletLayout layout, OutletChannel channel) =>
        channel.HasTotal || HasIntegratedCou(layout, channel);

    /// <summary>Whether Cou can be integrated from the rate: the flow's volume, or a pollutant's mass with the outlet's flow.</summary>
    public static bool HasIntegratedCou(OutletLayout layout, OutletChannel channel) =>
        layout.HasFlow && channel.Role is ChannelRole.Flow or ChannelRole.Pollutant;
}
