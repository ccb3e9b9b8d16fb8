using System.Text.Json.Serialization;

namespace EdgeGateway.Cli.Commands.Hj212;

/// <summary>Source-generated JSON metadata for <see cref="Hj212PacketReport"/> (Native-AOT safe, no reflection).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Hj212PacketReport))]
internal sealed partial class Hj212ReportJsonContext : JsonSerializerContext;
