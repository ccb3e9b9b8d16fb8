using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Configuration.LimitPresets;

/// <summary>One pollutant's limit in a preset file, as written.</summary>
internal sealed class LimitPresetEntryDocument
{
    /// <summary>The pollutant's name, for readers only.</summary>
    public string? Name { get; set; }

    public string? Quantity { get; set; }

    public double? Limit { get; set; }

    public string? Unit { get; set; }

    public double? PreWarning { get; set; }

    public string? PreWarningWindow { get; set; }

    public double? Hysteresis { get; set; }

    /// <summary>Properties the format does not know; reported, because a misspelt <c>limit</c> would otherwise read as missing.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
