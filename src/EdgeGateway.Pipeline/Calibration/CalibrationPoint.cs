namespace EdgeGateway.Pipeline.Calibration;

/// <summary>One calibration point: the reference value applied (zero gas, span gas, a standard solution) and what the analyzer read.</summary>
public sealed record CalibrationPoint(double Reference, double Measured);
