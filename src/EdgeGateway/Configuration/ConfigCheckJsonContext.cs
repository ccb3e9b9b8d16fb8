using System.Text.Json.Serialization;

namespace EdgeGateway.Configuration;

/// <summary>Source-generated serialisation of the --check-config report (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ConfigCheckReport))]
internal sealed partial class ConfigCheckJsonContext : JsonSerializerContext;
