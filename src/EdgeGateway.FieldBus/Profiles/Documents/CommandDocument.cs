using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>One entry of <c>commands</c> in a profile file.</summary>
public sealed record CommandDocument
{
    public string? Table { get; init; }

    public int? Address { get; init; }

    public int? Value { get; init; }

    public IReadOnlyDictionary<string, CommandRegisterDocument?>? Results { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
