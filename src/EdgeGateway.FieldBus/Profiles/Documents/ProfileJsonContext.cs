using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>
/// Source-generated (Native AOT safe) serializer for profile files. Hand-written files carry comments and trailing
/// commas, so both are accepted; property names are camelCase and matched exactly, so <c>Scale</c> is an unknown property.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ProfileDocument))]
public sealed partial class ProfileJsonContext : JsonSerializerContext;
