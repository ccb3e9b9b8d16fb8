namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// The precision of a closed record's values: <see cref="SignificantDigits"/> significant digits. A mean of float32
/// readings has about 7 meaningful digits; its last binary bits are noise (98765.432 seven times averages to
/// 98765.43200000002), which storage, JSON and the console would otherwise carry. HJ 212 packets format with their own
/// per-code decimals on top.
/// </summary>
public static class AggregatePrecision
{
    /// <summary>Digits kept: two more than a float32 reading carries, so rounding loses nothing a reading had.</summary>
    public const int SignificantDigits = 9;

    /// <summary>The record with Min, Avg, Max, their Zs and Cou rounded to <see cref="SignificantDigits"/>.</summary>
    public static AggregateRecord Round(AggregateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            Min = Round(record.Min),
            Avg = Round(record.Avg),
            Max = Round(record.Max),
            ZsMin = Round(record.ZsMin),
            ZsAvg = Round(record.ZsAvg),
            ZsMax = Round(record.ZsMax),
            Cou = Round(record.Cou),
        };
    }

    /// <summary><paramref name="value"/> to <see cref="SignificantDigits"/> significant digits; NaN, infinities and 0 unchanged.</summary>
    public static double Round(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }

        // Decimals after the point that leave SignificantDigits digits: 98765.43200000002 (5 before) → 4 decimals.
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var decimals = SignificantDigits - magnitude;
        if (decimals is >= 0 and <= 15)
        {
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        }

        // Beyond Math.Round's 0..15 decimals: a billion or more rounds to tens, hundreds…; a tiny mass in kg scales up.
        if (decimals < 0)
        {
            var step = Math.Pow(10, -decimals);
            return Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
        }

        var scale = Math.Pow(10, decimals);
        return Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
    }
}
