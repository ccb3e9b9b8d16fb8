using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>One entry of a command's <c>results</c>.</summary>
public sealed record CommandRegisterDocument
{
    /// <summary>Defaults to <c>holding</c>.</summary>
    public string? Table { get; init; }

    public int? Address { get; init; }

    /// <summary>Defaults to <c>u16</c>.</summary>
    public string? Type { get; init; }

    public string? ByteOrder { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
