using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Profiles.Documents;

/// <summary>The <c>range</c> object of a channel.</summary>
public sealed record RangeDocument
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
