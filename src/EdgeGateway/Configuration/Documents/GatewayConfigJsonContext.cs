using System.Text.Json.Serialization;

namespace EdgeGateway.Configuration.Documents;

/// <summary>
/// Source-generated metadata of the config documents. The shape checker walks it to find unknown keys and values of
/// the wrong type, all at once and without reflection (Native AOT).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GatewayConfigDocument))]
internal sealed partial class GatewayConfigJsonContext : JsonSerializerContext;
