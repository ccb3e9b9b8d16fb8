using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>One entry of <c>status</c> in a profile file.</summary>
public sealed record StatusWordDocument
{
    public string? Id { get; init; }

    public string? Table { get; init; }

    public int? Address { get; init; }

    /// <summary>Defaults to <c>u16</c> on register tables and <c>bool</c> on coil and discrete tables.</summary>
    public string? Type { get; init; }

    public string? ByteOrder { get; init; }

    public IReadOnlyList<StatusBitDocument?>? Bits { get; init; }

    /// <summary>Decimal value (as a JSON property name) to meaning.</summary>
    public IReadOnlyDictionary<string, string?>? Values { get; init; }

    /// <summary>Channels the word's values, and bits without their own list, apply to; absent means all.</summary>
    public IReadOnlyList<string?>? Channels { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
