using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// A platform's MinInterval (1064) applied to the aggregation's 1-minute records: the records of one outlet in one
/// N-minute window (aligned to the hour in site time) combined per channel into one N-minute record. Min and Max are
/// the extremes of the minutes' finite ones; Avg and ZsAvg the minutes' finite averages weighted by their valid
/// samples; Cou the sum of the finite ones (NaN when none); the counts are summed. The window is valid when valid
/// minute records cover at least 75 % of it (the hour's 45-of-60 rule, rounded up to whole minutes), and its flag is
/// the pipeline's any-abnormal rule over the minutes' own flags (<see cref="RecordFlagRule"/>: B > D > C > M > F > T
/// > S, never N or S when invalid): each minute's flag already applies its outlet's rule to its samples.
/// </summary>
internal static class MinuteIntervalRecords
{
    // Far above what one outlet stores for a 30-minute window (30 minutes × its channels).
    private const int MaxWindowRecords = 100_000;

    // DataFlag's eight values, N to B.
    private const int FlagCountsLength = 8;

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    /// <summary>Whether <paramref name="record"/> is a 1-minute record a MinInterval above 1 combines.</summary>
    public static bool IsOneMinute(AggregateRecord record) => record.Period == AggregatePeriod.Minute && record.Length == OneMinute;

    /// <summary>The start (UTC) of the <paramref name="minutes"/>-minute window holding <paramref name="startUtc"/>, aligned to the hour in site time.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset startUtc, int minutes, TimeSpan siteOffset)
    {
        var local = startUtc.ToOffset(siteOffset);
        var start = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute / minutes * minutes, 0, siteOffset);
        return start.ToUniversalTime();
    }

    /// <summary>The 1-minute records of <paramref name="outlet"/> stored for the window, no later than <paramref name="limit"/>.</summary>
    public static List<OutboxAggregate> Read(IOutbox outbox, string outlet, DateTimeOffset startUtc, int minutes, long limit)
    {
        var end = startUtc.AddMinutes(minutes);
        return outbox.ReadAggregates(AggregatePeriod.Minute, startUtc, end, MaxWindowRecords)
            .Where(entry => entry.Sequence <= limit
                && string.Equals(entry.Record.Outlet, outlet, StringComparison.Ordinal)
                && IsOneMinute(entry.Record)
                && entry.Record.StartUtc >= startUtc
                && entry.Record.StartUtc < end)
            .OrderBy(entry => entry.Sequence)
            .ToList();
    }

    /// <summary>One <paramref name="minutes"/>-minute record per channel of <paramref name="records"/> (in the order the channels first appear).</summary>
    public static List<AggregateRecord> Combine(IReadOnlyList<AggregateRecord> records, DateTimeOffset startUtc, int minutes, TimeSpan siteOffset) =>
        records.GroupBy(record => record.Channel)
            .Select(channel => CombineChannel(channel.OrderBy(record => record.StartUtc).ToList(), startUtc, minutes, siteOffset))
            .ToList();

    private static AggregateRecord CombineChannel(List<AggregateRecord> records, DateTimeOffset startUtc, int minutes, TimeSpan siteOffset)
    {
        var first = records[0];
        var sampleCounts = new int[FlagCountsLength];
        var minuteFlags = new int[FlagCountsLength];
        var validMinutes = 0;
        foreach (var record in records)
        {
            var counts = record.Counts;
            foreach (var flag in Enum.GetValues<DataFlag>())
            {
                sampleCounts[(int)flag] += counts[flag];
            }

            minuteFlags[(int)record.Flag]++;
            validMinutes += record.IsValid ? 1 : 0;
        }

        var isValid = validMinutes * 4 >= minutes * 3;
        return first with
        {
            StartUtc = startUtc,
            StartLocal = startUtc.ToOffset(siteOffset),
            Length = TimeSpan.FromMinutes(minutes),
            Min = Extreme(records, record => record.Min, Math.Min),
            Max = Extreme(records, record => record.Max, Math.Max),
            Avg = WeightedMean(records, record => record.Avg),
            ZsMin = Extreme(records, record => record.ZsMin, Math.Min),
            ZsMax = Extreme(records, record => record.ZsMax, Math.Max),
            ZsAvg = WeightedMean(records, record => record.ZsAvg),
            Cou = records.Any(record => double.IsFinite(record.Cou)) ? records.Where(record => double.IsFinite(record.Cou)).Sum(record => record.Cou) : double.NaN,
            IsValid = isValid,
            Flag = RecordFlagRule.Combine(OutletKind.Wastewater, ToCounts(minuteFlags), isValid),
            ExpectedCount = records.Max(record => record.ExpectedCount) * minutes,
            Counts = ToCounts(sampleCounts),
            ValidCount = records.Sum(record => record.ValidCount),
        };
    }

    private static FlagCounts ToCounts(int[] byFlag) => new(
        byFlag[(int)DataFlag.N], byFlag[(int)DataFlag.F], byFlag[(int)DataFlag.M], byFlag[(int)DataFlag.S],
        byFlag[(int)DataFlag.D], byFlag[(int)DataFlag.C], byFlag[(int)DataFlag.T], byFlag[(int)DataFlag.B]);

    private static double Extreme(List<AggregateRecord> records, Func<AggregateRecord, double> value, Func<double, double, double> pick)
    {
        var result = double.NaN;
        foreach (var record in records)
        {
            var v = value(record);
            if (double.IsFinite(v))
            {
                result = double.IsNaN(result) ? v : pick(result, v);
            }
        }

        return result;
    }

    // A minute's average stands for its valid samples; a minute with a finite average but no valid count weighs one.
    private static double WeightedMean(List<AggregateRecord> records, Func<AggregateRecord, double> value)
    {
        double sum = 0;
        double weight = 0;
        foreach (var record in records)
        {
            var v = value(record);
            if (double.IsFinite(v))
            {
                var w = Math.Max(record.ValidCount, 1);
                sum += v * w;
                weight += w;
            }
        }

        return weight > 0 ? sum / weight : double.NaN;
    }
}
