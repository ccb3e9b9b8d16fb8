namespace EdgeGateway.Simulator;

/// <summary>A timed routine an analyzer runs after a command, during which its status bits say so.</summary>
public enum AnalyzerRoutine
{
    /// <summary>Measuring normally.</summary>
    None,

    /// <summary>Zero check: zero gas (or blank solution) on the analyte channels; calibration status.</summary>
    ZeroCheck,

    /// <summary>Span check: span gas (or standard solution) on the analyte channels; calibration status.</summary>
    SpanCheck,

    /// <summary>Probe blow-back: compressed air through the filter; maintenance status.</summary>
    Blowback,
}
