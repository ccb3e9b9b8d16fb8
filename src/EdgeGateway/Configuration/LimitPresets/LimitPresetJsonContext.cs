using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Configuration.LimitPresets;

/// <summary>
/// Source-generated (Native AOT safe) reader of limit preset files. Hand-written files carry comments and trailing
/// commas, as profiles do, so both are accepted.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(LimitPresetDocument))]
internal sealed partial class LimitPresetJsonContext : JsonSerializerContext;
