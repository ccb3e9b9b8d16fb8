using EdgeGateway.Configuration.Documents;
using EdgeGateway.Configuration.LimitPresets;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>
/// <c>limits[].preset</c>: a preset's limits, keyed by HJ 212 pollutant code, expanded onto the channels of the named
/// devices that carry those codes.
/// </summary>
public sealed partial class GatewaySettingsResolver
{
    private Dictionary<string, LimitPreset> LoadLimitPresets(List<string>? configured)
    {
        var presets = new Dictionary<string, LimitPreset>(StringComparer.Ordinal);
        foreach (var (directory, key) in SearchDirectories(configured, _defaultLimitPresetDirectories, "limitPresetDirectories", "limit preset"))
        {
            if (!LimitPresetLoader.TryLoadDirectory(directory, out var loaded, out var problems))
            {
                foreach (var problem in problems)
                {
                    _errors.Add(new ConfigError(ConfigKeyPath.ToDisplay(key), $"{Path.GetFileName(problem.File)}: {problem.Message}", problem.File));
                }
            }

            foreach (var preset in loaded)
            {
                // The first directory wins: a site's own /etc/edge-gateway/limits overrides a shipped preset.
                presets.TryAdd(preset.Name, preset);
            }
        }

        return presets;
    }

    private List<EmissionLimit> ExpandPreset(
        LimitDocument document,
        string key,
        Dictionary<string, LimitPreset> presets,
        ChannelTable channels,
        IReadOnlyList<PolledDevice> devices,
        List<OutletDocument>? outlets,
        HashSet<(string, LimitQuantity)> explicitKeys,
        Dictionary<(string, LimitQuantity), string> presetKeys)
    {
        var limits = new List<EmissionLimit>();
        foreach (var (field, isSet) in (ReadOnlySpan<(string, bool)>)[("channel", document.Channel is not null), ("quantity", document.Quantity is not null), ("limit", document.Limit is not null), ("unit", document.Unit is not null)])
        {
            if (isSet)
            {
                Error($"{key}:{field}", "comes from the preset; to set one channel's limit differently, add an explicit entry with channel and quantity, which replaces the preset's");
            }
        }

        var (fraction, window, hysteresis) = LimitRules(document, key);
        var sampler = ResolveSampler(document.Sampler, key + ":sampler", devices);
        var members = new List<string>();
        if (document.Devices is null || document.Devices.Count == 0)
        {
            Error(key + ":devices", "is required with preset: the devices whose channels its limits apply to, e.g. [\"cems\", \"dust\"]");
        }

        for (var d = 0; d < (document.Devices?.Count ?? 0); d++)
        {
            var name = document.Devices![d];
            if (!devices.Any(device => device.Name == name))
            {
                NoSuchDevice($"{key}:devices:{d}", name);
            }
            else if (!members.Contains(name))
            {
                members.Add(name);
            }
        }

        if (!presets.TryGetValue(document.Preset!, out var preset))
        {
            var found = presets.Count == 0 ? "none" : string.Join(", ", presets.Keys.Order(StringComparer.Ordinal));
            Error(key + ":preset", $"unknown preset '{document.Preset}'; presets found: {found}");
            return limits;
        }

        var matched = false;
        var oxygenReported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in preset.Entries)
        {
            foreach (var device in members)
            {
                var withCode = channels.Channels.Where(channel => channel.Device == device && channel.Code == entry.Code).ToArray();
                if (withCode.Length == 0)
                {
                    // Fine: the preset may cover pollutants measured by another of the devices, or not at this site.
                    continue;
                }

                matched = true;

                // A channel with the same code in another unit beside one in the preset's unit is not the
                // concentration the limit is about (a totaliser: particulate-total in kg beside particulate in mg/m³).
                var inUnit = withCode.Where(channel => channel.Unit == entry.Unit).ToArray();
                if (inUnit.Length == 0)
                {
                    Error(key + ":preset", $"preset '{preset.Name}' limits {entry.Code} in {entry.Unit}, but {string.Join(", ", withCode.Select(channel => $"{channel.Key} is in {channel.Unit}"))}; limits are not converted");
                    continue;
                }

                foreach (var channel in inUnit)
                {
                    if (explicitKeys.Contains((channel.Key, entry.Quantity)))
                    {
                        continue;
                    }

                    if (!presetKeys.TryAdd((channel.Key, entry.Quantity), key))
                    {
                        Error(key + ":preset", $"a second {entry.QuantityName} limit for {channel.Key} (also from {ConfigKeyPath.ToDisplay(presetKeys[(channel.Key, entry.Quantity)])})");
                        continue;
                    }

                    if (entry.Quantity is LimitQuantity.RealTimeConverted or LimitQuantity.HourlyConverted)
                    {
                        CheckConversion(preset, entry, device, outlets, key, oxygenReported);
                    }

                    limits.Add(new EmissionLimit(
                        channel.Index,
                        channel.Key,
                        entry.Quantity,
                        entry.Limit,
                        PreWarningFraction(fraction ?? entry.PreWarning ?? DefaultPreWarningFraction),
                        window ?? entry.PreWarningWindow ?? DefaultPreWarningWindow,
                        hysteresis ?? entry.Hysteresis ?? DefaultHysteresis,
                        sampler));
                }
            }
        }

        if (!matched && members.Count > 0)
        {
            Error(key + ":preset", $"preset '{preset.Name}' matches no channel of {string.Join(", ", members)}: it limits {string.Join(", ", preset.Entries.Select(entry => entry.Code))}");
        }

        return limits;
    }

    /// <summary>A converted limit needs an outlet that converts the device's values, and at the preset's reference O2.</summary>
    private void CheckConversion(LimitPreset preset, LimitPresetEntry entry, string device, List<OutletDocument>? outlets, string key, HashSet<string> oxygenReported)
    {
        var outlet = ConvertingOutlet(device, outlets);
        if (outlet is null)
        {
            Error(key + ":preset", $"{entry.QuantityName} ({preset.Name}, {entry.Code}) needs {device} in a flueGas outlet with oxygenChannel and referenceOxygenPercent (the converted value)");
        }
        else if (preset.ReferenceOxygenPercent is { } reference && outlet.ReferenceOxygenPercent != reference && oxygenReported.Add(outlet.Name ?? device))
        {
            Error(key + ":preset", $"preset '{preset.Name}' is at {reference} % reference O2, but outlet {outlet.Name} converts {device} to {outlet.ReferenceOxygenPercent} %; a limit at another reference O2 is not comparable");
        }
    }
}
