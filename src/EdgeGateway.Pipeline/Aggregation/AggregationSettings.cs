namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>The site's aggregation configuration: its outlets and the clock their windows follow.</summary>
public sealed record AggregationSettings
{
    public required IReadOnlyList<OutletRules> Outlets { get; init; }

    /// <summary>Windows align to this zone's wall clock (China Standard Time by default). Zones with daylight saving are not supported.</summary>
    public TimeZoneInfo SiteTimeZone { get; init; } = SiteTimeZones.ChinaStandardTime();

    /// <summary>
    /// How long after its end a window stays open for readings still in flight (another bus's poll of the same
    /// instant, a batch not yet drained). Must be shorter than the shortest minute interval.
    /// </summary>
    public TimeSpan CloseDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far back empty windows are filled with no-data (B) records when time jumps forward (a long downtime, a
    /// clock step); empty windows older than this are skipped without records, so a restart after a month does not
    /// produce a month of them.
    /// </summary>
    public TimeSpan MaxGapFill { get; init; } = TimeSpan.FromDays(1);
}
