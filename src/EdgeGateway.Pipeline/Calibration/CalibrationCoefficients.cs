namespace EdgeGateway.Pipeline.Calibration;

/// <summary>
/// A channel's two-point calibration: corrected = Gain × measured + Offset, where "measured" is the analyzer's value
/// after the profile's scale and offset. Keeps the points it came from, for the audit trail and for revert.
/// </summary>
/// <param name="Gain">Slope from the zero and span points.</param>
/// <param name="Offset">Intercept from the zero and span points.</param>
/// <param name="Zero">The zero point: what the analyzer read against the zero reference.</param>
/// <param name="Span">The span point: what the analyzer read against the span reference.</param>
/// <param name="CalibratedAt">When the coefficients were computed (UTC).</param>
public sealed record CalibrationCoefficients(double Gain, double Offset, CalibrationPoint Zero, CalibrationPoint Span, DateTimeOffset CalibratedAt)
{
    /// <summary>No correction.</summary>
    public static CalibrationCoefficients Identity { get; } = new(1, 0, new CalibrationPoint(0, 0), new CalibrationPoint(1, 1), DateTimeOffset.UnixEpoch);

    public double Apply(double measured) => (Gain * measured) + Offset;

    /// <summary>
    /// Computes gain and offset from a zero and a span point, refusing absurd points with the reason a technician
    /// reads: span equal to zero, or a gain outside <paramref name="minGain"/>..<paramref name="maxGain"/>.
    /// </summary>
    public static bool TryCompute(CalibrationPoint zero, CalibrationPoint span, DateTimeOffset at, double minGain, double maxGain, out CalibrationCoefficients? coefficients, out string? error)
    {
        ArgumentNullException.ThrowIfNull(zero);
        ArgumentNullException.ThrowIfNull(span);
        coefficients = null;
        if (!double.IsFinite(zero.Measured) || !double.IsFinite(span.Measured) || !double.IsFinite(zero.Reference) || !double.IsFinite(span.Reference))
        {
            error = "a calibration point is not a number";
            return false;
        }

        if (span.Measured == zero.Measured)
        {
            error = $"the span reading equals the zero reading ({zero.Measured}): the analyzer did not respond to the span gas or standard";
            return false;
        }

        if (span.Reference == zero.Reference)
        {
            error = $"the span reference equals the zero reference ({zero.Reference})";
            return false;
        }

        var gain = (span.Reference - zero.Reference) / (span.Measured - zero.Measured);
        if (gain < minGain || gain > maxGain)
        {
            error = $"gain {gain:0.####} is outside the allowed {minGain}..{maxGain}: check the reference values and the analyzer";
            return false;
        }

        coefficients = new CalibrationCoefficients(gain, zero.Reference - (gain * zero.Measured), zero, span, at);
        error = null;
        return true;
    }
}
