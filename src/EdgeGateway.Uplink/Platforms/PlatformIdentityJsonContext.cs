using System.Text.Json.Serialization;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>Source-generated (Native AOT safe) serializer for <see cref="PlatformIdentity"/> files.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PlatformIdentity))]
internal sealed partial class PlatformIdentityJsonContext : JsonSerializerContext;
