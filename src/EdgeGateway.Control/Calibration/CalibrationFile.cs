namespace EdgeGateway.Control.Calibration;

/// <summary>The contents of calibration.json.</summary>
/// <param name="Version">The file format, 1.</param>
/// <param name="Channels">Every channel that was ever calibrated or has a procedure open, configured or not.</param>
public sealed record CalibrationFile(int Version, IReadOnlyList<ChannelCalibration> Channels);
