namespace EdgeGateway.Hj212.Packets;

/// <summary>The suffix of a per-factor field name (HJ 212-2017 Table 4), e.g. <c>Rtd</c> in <c>w01018-Rtd</c>.</summary>
public enum Hj212FactorField
{
    /// <summary><c>-Rtd</c>: real-time value.</summary>
    Rtd,

    /// <summary><c>-Min</c>: minimum over the period.</summary>
    Min,

    /// <summary><c>-Avg</c>: average over the period.</summary>
    Avg,

    /// <summary><c>-Max</c>: maximum over the period.</summary>
    Max,

    /// <summary><c>-Cou</c>: cumulative value over the period (volume in m³ for flow, emission mass for pollutants).</summary>
    Cou,

    /// <summary><c>-ZsRtd</c>: converted (折算) real-time value.</summary>
    ZsRtd,

    /// <summary><c>-ZsMin</c>: converted minimum.</summary>
    ZsMin,

    /// <summary><c>-ZsAvg</c>: converted average.</summary>
    ZsAvg,

    /// <summary><c>-ZsMax</c>: converted maximum.</summary>
    ZsMax,

    /// <summary><c>-Flag</c>: data flag (Table 8).</summary>
    Flag,

    /// <summary><c>-EFlag</c>: instrument-defined extended flag.</summary>
    EFlag,

    /// <summary><c>-SampleTime</c>: sampling time of a discontinuous analyser.</summary>
    SampleTime,

    /// <summary><c>-SN</c>: instrument ID.</summary>
    SN,

    /// <summary><c>-Info</c>: field information.</summary>
    Info,

    /// <summary><c>-RS</c>: a treatment facility's run state, 0-5 (<c>SB1-RS</c>, CN 2021).</summary>
    RS,
}
