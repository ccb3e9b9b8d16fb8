using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Configuration.LimitPresets;

/// <summary>A limit preset file (<c>hardware/limits/*.json</c>) as written, before <see cref="LimitPresetLoader"/> checks it.</summary>
internal sealed class LimitPresetDocument
{
    /// <summary>The JSON Schema reference, <c>./limit-preset.schema.json</c>; not checked, only allowed.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The name gateway.json uses; must be the file name without <c>.json</c>.</summary>
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The standard or document the values come from.</summary>
    public string? Source { get; set; }

    /// <summary>The reference O2 (%) the converted limits are at.</summary>
    public double? ReferenceOxygenPercent { get; set; }

    /// <summary>The limits, by HJ 212 pollutant code.</summary>
    public Dictionary<string, LimitPresetEntryDocument?>? Limits { get; set; }

    /// <summary>Properties the format does not know; reported, because a misspelt key would otherwise be silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }
}
