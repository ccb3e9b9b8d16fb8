using System.Text.Json.Serialization;

namespace EdgeGateway.WebConsole.Api;

/// <summary>Source-generated serialisation of the console's own request and response bodies (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(MaintenanceRequest))]
[JsonSerializable(typeof(SessionView))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
