namespace EdgeGateway.Configuration.LimitPresets;

/// <summary>A checked limit preset: a standard's (or an example site's) limits by HJ 212 pollutant code.</summary>
/// <param name="Name">The name gateway.json uses, the file name without <c>.json</c>.</param>
/// <param name="Description">What the limits are; says the site's permit counts.</param>
/// <param name="Source">The standard or document the values come from.</param>
/// <param name="ReferenceOxygenPercent">The reference O2 (%) its converted limits are at; null: not stated.</param>
/// <param name="Entries">One limit per pollutant code, in file order.</param>
/// <param name="File">The file it came from, for messages.</param>
internal sealed record LimitPreset(string Name, string Description, string Source, double? ReferenceOxygenPercent, IReadOnlyList<LimitPresetEntry> Entries, string File);
