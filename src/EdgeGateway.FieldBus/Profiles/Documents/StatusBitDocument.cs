using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>One entry of a status word's <c>bits</c>.</summary>
public sealed record StatusBitDocument
{
    public int? Bit { get; init; }

    public string? Means { get; init; }

    public IReadOnlyList<string?>? Channels { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
