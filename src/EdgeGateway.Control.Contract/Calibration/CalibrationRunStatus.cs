using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract.Calibration;

/// <summary>Where a zero or span measurement stands, as <c>egw calibrate</c> shows it while it waits.</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Kind"><c>zero</c> or <c>span</c>.</param>
/// <param name="Reference">The reference value applied.</param>
/// <param name="State"><c>settling</c>, <c>averaging</c>, <c>done</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="SettleSeconds">How long it lets the reading settle.</param>
/// <param name="AverageSeconds">How long it averages after that.</param>
/// <param name="ElapsedSeconds">Seconds since it started.</param>
/// <param name="Latest">The newest reading, before gateway calibration; null before the first.</param>
/// <param name="Samples">Valid readings averaged so far.</param>
/// <param name="Rejected">Readings left out (no answer, fault, spike, not a number, a manual value).</param>
/// <param name="Mean">Their mean so far; null before the first.</param>
/// <param name="Point">The stored point, once done.</param>
/// <param name="Error">Why it failed.</param>
public sealed record CalibrationRunStatus(
    string Channel,
    string Kind,
    double Reference,
    string State,
    DateTimeOffset StartedAt,
    double SettleSeconds,
    double AverageSeconds,
    double ElapsedSeconds,
    double? Latest,
    int Samples,
    int Rejected,
    double? Mean,
    MeasuredPoint? Point = null,
    string? Error = null)
{
    [JsonIgnore]
    public bool IsFinished => State is "done" or "failed" or "cancelled";
}
