namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>calibration</c> section: what a technician's two-point calibration may do.</summary>
internal sealed class CalibrationDocument
{
    public double? MinGain { get; set; }

    public double? MaxGain { get; set; }

    public string? Hold { get; set; }
}
