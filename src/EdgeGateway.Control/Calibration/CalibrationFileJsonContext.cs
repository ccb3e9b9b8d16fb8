using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Calibration;

/// <summary>
/// Source-generated serialisation of calibration.json (Native AOT). Its options are those of the calibrate command's
/// replies (<see cref="Contract.Calibration.CalibrationJsonContext"/>): the file and the replies share their records.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(CalibrationFile))]
internal sealed partial class CalibrationFileJsonContext : JsonSerializerContext;
