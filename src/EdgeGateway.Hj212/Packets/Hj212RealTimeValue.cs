using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>One factor's real-time value for a 2011 upload.</summary>
/// <param name="FactorCode">Factor code, e.g. <c>w01018</c> (COD) or <c>a21026</c> (SO₂).</param>
/// <param name="Value">The value, written as <c>-Rtd</c>.</param>
/// <param name="Flag">The data flag, written as <c>-Flag</c>.</param>
public sealed record Hj212RealTimeValue(string FactorCode, double Value, Hj212DataFlag Flag)
{
    /// <summary>The converted (折算) value, written as <c>-ZsRtd</c> when present.</summary>
    public double? ConvertedValue { get; init; }

    /// <summary>When a discontinuous analyser took the sample, written as <c>-SampleTime</c> when present.</summary>
    public DateTime? SampleTime { get; init; }

    /// <summary>An instrument-defined extended flag, written as <c>-EFlag</c> when present.</summary>
    public string? ExtendedFlag { get; init; }
}
