using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract.Calibration;

/// <summary>Source-generated serialisation of the calibrate command's results (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(CalibrationRunStatus))]
[JsonSerializable(typeof(CalibrationProposal))]
[JsonSerializable(typeof(CalibrationChange))]
[JsonSerializable(typeof(List<CalibrationChange>))]
[JsonSerializable(typeof(List<CalibrationView>))]
public sealed partial class CalibrationJsonContext : JsonSerializerContext;
