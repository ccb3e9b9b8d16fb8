namespace EdgeGateway.Simulator;

/// <summary>How a simulated analyzer behaves; the defaults suit a demo and most tests.</summary>
public sealed record SimulatedAnalyzerOptions
{
    /// <summary>Seeds every channel's signal: the same seed serves the same values at the same instant.</summary>
    public int Seed { get; init; }

    /// <summary>How long a zero or span check keeps the calibration status set.</summary>
    public TimeSpan CalibrationDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a probe blow-back keeps the maintenance status set.</summary>
    public TimeSpan BlowbackDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The span gas (or standard solution) as a fraction of the measuring range, read during a span check.</summary>
    public double SpanFraction { get; init; } = 0.8;

    /// <summary>Bottles in the sampler's carousel: the vase number counts 1..VaseCount, then starts again.</summary>
    public int VaseCount { get; init; } = 24;

    /// <summary>The clock for <see cref="SimulatedAnalyzer.Update()"/> and for timing routines started by commands.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
