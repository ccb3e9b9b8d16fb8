namespace EdgeGateway.Control.Contract.Calibration;

/// <summary>One applied change of a channel's coefficients: an <c>apply</c> from measured points, or a <c>revert</c>.</summary>
/// <param name="Action"><c>apply</c> or <c>revert</c>.</param>
/// <param name="At">When (UTC).</param>
/// <param name="UserId">The technician's uid (SO_PEERCRED).</param>
/// <param name="User">Their user name.</param>
/// <param name="GainBefore">The gain in force before.</param>
/// <param name="OffsetBefore">The offset in force before.</param>
/// <param name="Gain">The gain in force after.</param>
/// <param name="Offset">The offset in force after.</param>
/// <param name="Zero">The zero point an <c>apply</c> used.</param>
/// <param name="Span">The span point an <c>apply</c> used.</param>
public sealed record CalibrationChange(
    string Action,
    DateTimeOffset At,
    uint UserId,
    string User,
    double GainBefore,
    double OffsetBefore,
    double Gain,
    double Offset,
    MeasuredPoint? Zero = null,
    MeasuredPoint? Span = null)
{
    public const string Applied = "apply";
    public const string Reverted = "revert";
}
