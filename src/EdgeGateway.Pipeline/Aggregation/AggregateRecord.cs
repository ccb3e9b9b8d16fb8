using EdgeGateway.Pipeline;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// One channel's minute, hour or day record, what the uplink turns into -Cou/-Min/-Avg/-Max/-ZsMin/-ZsAvg/-ZsMax/-Flag
/// of a CN 2051/2061/2031 packet (DataTime = <see cref="StartLocal"/>). Values that do not apply, or have no valid
/// input, are NaN. An invalid record still carries its counts.
/// </summary>
public sealed record AggregateRecord
{
    /// <summary>The outlet's name (<see cref="OutletRules.Name"/>).</summary>
    public required string Outlet { get; init; }

    /// <summary>The channel index (<see cref="ChannelTable"/>).</summary>
    public required int Channel { get; init; }

    public required AggregatePeriod Period { get; init; }

    /// <summary>Window start as a UTC instant (offset zero).</summary>
    public required DateTimeOffset StartUtc { get; init; }

    /// <summary>The same instant in site time (offset +08:00 for China Standard Time).</summary>
    public required DateTimeOffset StartLocal { get; init; }

    public required TimeSpan Length { get; init; }

    public DateTimeOffset EndUtc => StartUtc + Length;

    /// <summary>Minimum over valid samples (minute) or over the valid children's minima (hour, day).</summary>
    public required double Min { get; init; }

    /// <summary>Arithmetic mean of valid samples (minute) or of the valid children's averages (hour, day).</summary>
    public required double Avg { get; init; }

    /// <summary>Maximum over valid samples (minute) or over the valid children's maxima (hour, day).</summary>
    public required double Max { get; init; }

    /// <summary>Converted (折算) values at the outlet's reference O₂; NaN unless the channel is a pollutant of a flue-gas outlet with O₂ and reference O₂.</summary>
    public required double ZsMin { get; init; }

    public required double ZsAvg { get; init; }

    public required double ZsMax { get; init; }

    /// <summary>For the flow channel the volume in m³; for a pollutant the emission mass in kg; NaN for other channels or without a flow channel.</summary>
    public required double Cou { get; init; }

    /// <summary>Whether the record meets the outlet's <see cref="ValidityThresholds"/>.</summary>
    public required bool IsValid { get; init; }

    /// <summary>The record's own flag by <see cref="RecordFlagRule"/>.</summary>
    public required DataFlag Flag { get; init; }

    /// <summary>Items the window should hold: samples (interval / poll interval), minute records per hour, or 24 hours.</summary>
    public required int ExpectedCount { get; init; }

    /// <summary>Items that did arrive, per flag: samples for a minute record, minute records for an hour, hour records for a day.</summary>
    public required FlagCounts Counts { get; init; }

    /// <summary>All items counted, valid or not.</summary>
    public int TotalCount => Counts.Total;

    /// <summary>Valid items: N or S samples with a finite value (minute), valid minute records (hour), valid hour records (day).</summary>
    public required int ValidCount { get; init; }
}
