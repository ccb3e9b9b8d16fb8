namespace EdgeGateway.Control.Contract.Calibration;

/// <summary>What <c>apply</c> would do, shown before the technician confirms it.</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Zero">The zero point it uses.</param>
/// <param name="Span">The span point it uses.</param>
/// <param name="GainBefore">The gain in force now.</param>
/// <param name="OffsetBefore">The offset in force now.</param>
/// <param name="Gain">The gain it would set.</param>
/// <param name="Offset">The offset it would set.</param>
/// <param name="LatestBefore">The newest reading as published now; null without one.</param>
/// <param name="LatestAfter">The same reading with the new coefficients.</param>
public sealed record CalibrationProposal(
    string Channel,
    string Unit,
    MeasuredPoint Zero,
    MeasuredPoint Span,
    double GainBefore,
    double OffsetBefore,
    double Gain,
    double Offset,
    double? LatestBefore,
    double? LatestAfter);
