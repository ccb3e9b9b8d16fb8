namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// When a record is valid (HJ 212-2017 Annex D.2, quoting HJ/T 75-2007): a minute record needs n ≥ 12 valid samples,
/// an hour needs valid minute records covering ≥ 45 minutes, a day needs ≥ 20 valid hours.
/// </summary>
public sealed record ValidityThresholds
{
    /// <summary>Valid (N or S) samples a minute record needs, whatever its length; used when <see cref="MinSampleFraction"/> is null.</summary>
    public int MinSamplesPerMinuteRecord { get; init; } = 12;

    /// <summary>
    /// When set, replaces <see cref="MinSamplesPerMinuteRecord"/>: the minute record needs
    /// ⌈fraction × expected samples⌉ valid samples, expected = minute interval / poll interval. Suits 10-minute
    /// wastewater records, where a fixed 12 would be far too lenient (Annex D.1 counts n ≥ 120 per 10 minutes).
    /// </summary>
    public double? MinSampleFraction { get; init; }

    /// <summary>
    /// Minutes the valid minute records of an hour must cover. With records longer than a minute this is rounded up to
    /// whole records: ⌈45 / interval⌉ valid records (5 of 6 at 10 minutes, 3 of 3 at 20, 2 of 2 at 30).
    /// </summary>
    public int MinValidMinutesPerHour { get; init; } = 45;

    /// <summary>Valid hour records a day needs.</summary>
    public int MinValidHoursPerDay { get; init; } = 20;
}
