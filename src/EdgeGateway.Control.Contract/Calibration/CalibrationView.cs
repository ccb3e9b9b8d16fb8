namespace EdgeGateway.Control.Contract.Calibration;

/// <summary>A channel's calibration as <c>egw calibrate CHANNEL show</c> prints it.</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Gain">The gain in force.</param>
/// <param name="Offset">The offset in force.</param>
/// <param name="ChangedAt">When the coefficients were last changed; null if never.</param>
/// <param name="ChangedBy">By whom.</param>
/// <param name="Zero">A zero point measured since the last apply.</param>
/// <param name="Span">A span point measured since the last apply.</param>
/// <param name="WindowUntil">The end of an open calibration window (readings flagged C until then).</param>
/// <param name="Run">The measurement running now, or the last one's outcome.</param>
public sealed record CalibrationView(
    string Channel,
    string Unit,
    double Gain,
    double Offset,
    DateTimeOffset? ChangedAt,
    string? ChangedBy,
    MeasuredPoint? Zero,
    MeasuredPoint? Span,
    DateTimeOffset? WindowUntil,
    CalibrationRunStatus? Run);
