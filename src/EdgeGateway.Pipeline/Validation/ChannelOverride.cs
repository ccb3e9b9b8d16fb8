using EdgeGateway.Pipeline.Calibration;

namespace EdgeGateway.Pipeline.Validation;

/// <summary>
/// What the gateway itself says about a channel, set by technicians (maintenance, calibration, manual value) and by
/// calibration: part of an immutable snapshot the bus threads read once per cycle.
/// </summary>
/// <param name="MaintenanceUntil">Readings before this instant are flagged M; null: no maintenance window.</param>
/// <param name="CalibrationUntil">Readings before this instant are flagged C; null: no calibration window.</param>
/// <param name="ManualValue">A value set by hand that replaces the analyzer's (flag S); null: none.</param>
/// <param name="Calibration">The channel's calibration coefficients; null: none.</param>
/// <param name="Rules">Stuck-value and spike checks.</param>
public sealed record ChannelOverride(
    DateTimeOffset? MaintenanceUntil = null,
    DateTimeOffset? CalibrationUntil = null,
    double? ManualValue = null,
    CalibrationCoefficients? Calibration = null,
    ChannelValidationRules? Rules = null)
{
    public static ChannelOverride None { get; } = new();
}
