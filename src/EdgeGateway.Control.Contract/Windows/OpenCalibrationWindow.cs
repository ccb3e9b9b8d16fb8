using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract.Windows;

/// <summary>A channel flagged C now (a zero/span calibration, or an analyzer's own zero or span routine).</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Point"><c>zero</c> or <c>span</c>: the point being measured, or the last one measured while the window is open; null for an analyzer's own routine.</param>
/// <param name="Since">When that measurement started; null for an analyzer's own routine.</param>
/// <param name="Until">When the window ends by itself.</param>
public sealed record OpenCalibrationWindow(
    string Channel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Point,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? Since,
    DateTimeOffset Until);
