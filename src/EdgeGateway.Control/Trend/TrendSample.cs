using EdgeGateway.Pipeline;

namespace EdgeGateway.Control.Trend;

/// <summary>A reading or a minute record as a trend sees it.</summary>
/// <param name="Valid">Whether its value counts towards averages (flag N or S with a value; a record that met its thresholds).</param>
internal readonly record struct TrendSample(DateTimeOffset T, double? V, double? Min, double? Max, DataFlag Flag, bool Valid)
{
    public static TrendSample Of(in Reading reading)
    {
        var value = Finite(reading.Value);
        return new TrendSample(reading.Timestamp, value, value, value, reading.Flag, reading.IsValid && value is not null);
    }

    public static TrendSample Of(EdgeGateway.Pipeline.Aggregation.AggregateRecord record)
    {
        var average = Finite(record.Avg);
        return new TrendSample(record.StartUtc, average, Finite(record.Min), Finite(record.Max), record.Flag, record.IsValid && average is not null);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
