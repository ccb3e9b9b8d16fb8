using System.Text.Json.Serialization;

namespace EdgeGateway.Core.Control.Calibration;

/// <summary>Source-generated serialisation of calibration.json and of the calibrate command's results (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(CalibrationFile))]
[JsonSerializable(typeof(CalibrationRunStatus))]
[JsonSerializable(typeof(CalibrationProposal))]
[JsonSerializable(typeof(CalibrationChange))]
[JsonSerializable(typeof(List<CalibrationChange>))]
[JsonSerializable(typeof(List<CalibrationView>))]
public sealed partial class CalibrationJsonContext : JsonSerializerContext;
