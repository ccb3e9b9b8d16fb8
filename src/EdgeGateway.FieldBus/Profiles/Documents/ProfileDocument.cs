using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>
/// A profile file exactly as written, before validation. Enumerated fields (table, type, byte order, kind, meaning)
/// are strings here, not enums: an enum converter would stop the whole file at the first unknown name, while the
/// validator wants to report every bad name at once, each with its channel.
/// </summary>
public sealed record ProfileDocument
{
    /// <summary>The JSON Schema reference, <c>./profile.schema.json</c>; not checked, only allowed.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public string? Model { get; init; }

    public string? Manufacturer { get; init; }

    public string? Description { get; init; }

    public string? Kind { get; init; }

    public DefaultsDocument? Defaults { get; init; }

    public IReadOnlyList<ChannelDocument?>? Channels { get; init; }

    public IReadOnlyList<StatusWordDocument?>? Status { get; init; }

    public IReadOnlyDictionary<string, CommandDocument?>? Commands { get; init; }

    /// <summary>Properties the format does not know; reported, because a misspelt <c>scale</c> would otherwise silently read as 1.</summary>
    /// <remarks>Settable, not init: the source generator binds init properties like constructor parameters, which extension data cannot be.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
