using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>The <c>defaults</c> object of a profile file.</summary>
public sealed record DefaultsDocument
{
    public string? ByteOrder { get; init; }

    public int? MaxRegistersPerRequest { get; init; }

    public int? MaxBitsPerRequest { get; init; }

    public int? MaxGap { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
