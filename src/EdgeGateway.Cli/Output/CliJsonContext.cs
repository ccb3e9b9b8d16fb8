using System.Text.Json.Serialization;

namespace EdgeGateway.Cli.Output;

/// <summary>Source-generated JSON for everything <c>egw</c> prints with <c>--json</c> (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ModbusReadReport))]
[JsonSerializable(typeof(ModbusScanReport))]
[JsonSerializable(typeof(ErrorReport))]
[JsonSerializable(typeof(List<ProfileCheckReport>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
