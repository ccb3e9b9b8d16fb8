using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract;

/// <summary>Source-generated serialisation of the audit trail (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditEntry))]
public sealed partial class AuditJsonContext : JsonSerializerContext;
