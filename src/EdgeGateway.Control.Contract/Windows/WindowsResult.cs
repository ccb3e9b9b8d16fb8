namespace EdgeGateway.Control.Contract.Windows;

/// <summary>The result of the control command <c>windows</c>: what flags readings M or C now.</summary>
/// <param name="Maintenance">The open maintenance windows, one per channel.</param>
/// <param name="Calibration">The channels in a calibration window.</param>
public sealed record WindowsResult(IReadOnlyList<OpenMaintenanceWindow> Maintenance, IReadOnlyList<OpenCalibrationWindow> Calibration);
