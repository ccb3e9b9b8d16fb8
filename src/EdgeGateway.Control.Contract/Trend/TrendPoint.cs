using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract.Trend;

/// <summary>
/// One point of a channel's trend: a reading or a minute record, or a bucket of consecutive ones when the range holds
/// more than the points asked for.
/// </summary>
/// <param name="T">The reading's poll time, the record's window start, or the bucket's start.</param>
/// <param name="V">The reading's value, the record's average, or the bucket's average; null when there is none.</param>
/// <param name="Min">The record's minimum, or the bucket's; for one reading its value.</param>
/// <param name="Max">The record's maximum, or the bucket's; for one reading its value.</param>
/// <param name="Flag">The HJ 212 flag letter; for a bucket the most severe of its points.</param>
/// <param name="N">How many readings or records the point stands for.</param>
public sealed record TrendPoint(
    DateTimeOffset T,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? V,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Min,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Max,
    string Flag,
    int N);
