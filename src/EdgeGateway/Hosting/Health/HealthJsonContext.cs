using System.Text.Json.Serialization;

namespace EdgeGateway.Hosting.Health;

/// <summary>Source-generated serialisation of the health summary (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayHealth))]
[JsonSerializable(typeof(GatewayStatus))]
[JsonSerializable(typeof(string))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
