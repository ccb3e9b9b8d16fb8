using System.Text.Json.Serialization;
using EdgeGateway.Control.Contract.Calibration;

namespace EdgeGateway.Control.Calibration;

/// <summary>
/// A channel's calibration as calibration.json keeps it: the coefficients in force, the points measured since the
/// last apply, the end of its calibration window, and the history of changes (newest last).
/// </summary>
public sealed record ChannelCalibration
{
    public required string Channel { get; init; }

    public double Gain { get; init; } = 1;

    public double Offset { get; init; }

    public MeasuredPoint? Zero { get; init; }

    public MeasuredPoint? Span { get; init; }

    /// <summary>Readings before this instant are flagged C; null when no procedure is open.</summary>
    public DateTimeOffset? WindowUntil { get; init; }

    public IReadOnlyList<CalibrationChange> History { get; init; } = [];

    /// <summary>True when the coefficients do something (not gain 1, offset 0).</summary>
    [JsonIgnore]
    public bool IsCorrecting => Gain != 1 || Offset != 0;
}
