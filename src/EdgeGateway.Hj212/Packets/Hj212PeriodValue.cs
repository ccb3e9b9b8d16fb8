using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// One factor's statistics over a minute, hour or day for a 2051/2061/2031 upload. Only the fields that are set are
/// written: flow factors carry <c>-Cou</c>, O₂ or temperature carry none, flue-gas pollutants add the Zs values.
/// </summary>
/// <param name="FactorCode">Factor code, e.g. <c>w01018</c>.</param>
public sealed record Hj212PeriodValue(string FactorCode)
{
    /// <summary>Cumulative value over the period (<c>-Cou</c>): volume for flow, emission mass for pollutants.</summary>
    public double? Cumulative { get; init; }

    /// <summary>Minimum (<c>-Min</c>).</summary>
    public double? Minimum { get; init; }

    /// <summary>Average (<c>-Avg</c>).</summary>
    public double? Average { get; init; }

    /// <summary>Maximum (<c>-Max</c>).</summary>
    public double? Maximum { get; init; }

    /// <summary>Converted minimum (<c>-ZsMin</c>).</summary>
    public double? ConvertedMinimum { get; init; }

    /// <summary>Converted average (<c>-ZsAvg</c>).</summary>
    public double? ConvertedAverage { get; init; }

    /// <summary>Converted maximum (<c>-ZsMax</c>).</summary>
    public double? ConvertedMaximum { get; init; }

    /// <summary>Data flag of the period (<c>-Flag</c>).</summary>
    public Hj212DataFlag? Flag { get; init; }
}
