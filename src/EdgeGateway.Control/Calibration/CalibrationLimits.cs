namespace EdgeGateway.Control.Calibration;

/// <summary>What the site allows a calibration to do (<c>calibration.*</c> in gateway.json).</summary>
public sealed record CalibrationLimits
{
    /// <summary>The smallest gain <c>apply</c> accepts: below it the points are more likely wrong than the analyzer.</summary>
    public double MinGain { get; init; } = 0.5;

    /// <summary>The largest gain <c>apply</c> accepts.</summary>
    public double MaxGain { get; init; } = 2.0;

    /// <summary>
    /// How long after a stored point the channel stays in calibration (flag C) unless <c>apply</c> or <c>cancel</c>
    /// ends it first: long enough to change gases between zero and span, short enough that a forgotten procedure
    /// does not flag data for days.
    /// </summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Fewer valid readings than this while averaging and the point is refused.</summary>
    public int MinSamples { get; init; } = 3;

    /// <summary>The longest settle or average time a technician may ask for.</summary>
    public TimeSpan MaxPhase { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Applied changes kept per channel for <c>history</c> and <c>revert</c>.</summary>
    public int HistoryLength { get; init; } = 50;

    /// <summary>
    /// How long after the averaging window a measurement still takes readings polled inside it: they travel through
    /// the ring and the consumer before they are the latest.
    /// </summary>
    public TimeSpan LateReadingGrace { get; init; } = TimeSpan.FromSeconds(1.5);
}
