using EdgeGateway.Configuration.Documents;
using EdgeGateway.Configuration.LimitPresets;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>
/// The <c>limits</c> section: emission limits per channel, checked against the channel table and the outlets; and
/// <c>limits[].preset</c>: a preset's limits, keyed by HJ 212 pollutant code, expanded onto the channels of the named
/// devices that carry those codes.
/// </summary>
internal sealed class LimitSettingsResolver(ConfigErrorCollector errors, IReadOnlyList<string> defaultLimitPresetDirectories)
{
    private const double DefaultPreWarningFraction = 0.8;

    private const double DefaultHysteresis = 0.05;

    private static readonly TimeSpan DefaultPreWarningWindow = TimeSpan.FromMinutes(15);

    private readonly ConfigErrorCollector _errors = errors;

    public List<EmissionLimit> Resolve(GatewayConfigDocument config, ChannelTable? channels, IReadOnlyList<PolledDevice> devices)
    {
        var limits = new List<EmissionLimit>();
        var documents = config.Limits;
        if (documents is null || channels is null)
        {
            return limits;
        }

        // An explicit limit replaces a preset's for the same channel and quantity (the permit may set that one
        // differently), so the explicit ones are resolved first and the presets skip what they already cover.
        var explicitLimits = new EmissionLimit?[documents.Count];
        var explicitKeys = new HashSet<(string, LimitQuantity)>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i].Preset is null)
            {
                explicitLimits[i] = ResolveExplicitLimit(documents[i], $"limits:{i}", channels, devices, config.Outlets, explicitKeys);
            }
        }

        var presets = documents.Any(document => document.Preset is not null) || config.LimitPresetDirectories is not null
            ? LoadLimitPresets(config.LimitPresetDirectories)
            : [];
        var presetKeys = new Dictionary<(string, LimitQuantity), string>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i].Preset is null)
            {
                if (explicitLimits[i] is { } limit)
                {
                    limits.Add(limit);
                }
            }
            else
            {
                limits.AddRange(ExpandPreset(documents[i], $"limits:{i}", presets, channels, devices, config.Outlets, explicitKeys, presetKeys));
            }
        }

        return limits;
    }

    private EmissionLimit? ResolveExplicitLimit(LimitDocument document, string key, ChannelTable channels, IReadOnlyList<PolledDevice> devices, List<OutletDocument>? outlets, HashSet<(string, LimitQuantity)> seen)
    {
        if (document.Devices is not null)
        {
            _errors.Error(key + ":devices", "belongs to a preset entry (with preset); an explicit limit names its channel");
        }

        var channelKey = _errors.Required(document.Channel, key + ":channel", "the channel the limit applies to (device.channel), or a preset");
        if (channelKey is null)
        {
            return null;
        }

        if (!channels.TryFind(channelKey, out var channel))
        {
            _errors.NoSuchChannel(key + ":channel", channelKey, $"no channel '{channelKey}'");
            return null;
        }

        if (channel.IsRunState)
        {
            _errors.Error(key + ":channel", $"{channel.Key} is a run-state channel ({channel.Code}): a treatment facility's state has no emission limit");
            return null;
        }

        var quantity = _errors.Choice(document.Quantity, key + ":quantity", LimitQuantity.HourlyAverage, LimitQuantityNames.All);
        if (document.Quantity is null)
        {
            _errors.Error(key + ":quantity", $"is required: {LimitQuantityNames.Hint} (the permit says which)");
        }

        if (document.Limit is not { } limit || !double.IsFinite(limit) || limit <= 0)
        {
            _errors.Error(key + ":limit", "is required: a positive number in the channel's unit");
            return null;
        }

        if (document.Unit is null)
        {
            _errors.Error(key + ":unit", $"is required, so that a limit in another unit is caught: {channel.Key} is in {channel.Unit}");
        }
        else if (!string.Equals(document.Unit.Trim(), channel.Unit, StringComparison.Ordinal))
        {
            _errors.Error(key + ":unit", $"'{document.Unit}' is not the unit of {channel.Key} ({channel.Unit}); limits are not converted");
        }

        if (quantity is LimitQuantity.RealTimeConverted or LimitQuantity.HourlyConverted && ConvertingOutlet(channel.Device, outlets) is null)
        {
            _errors.Error(key + ":quantity", $"{document.Quantity} needs {channel.Device} in a flueGas outlet with oxygenChannel and referenceOxygenPercent (the converted value)");
        }

        if (!seen.Add((channel.Key, quantity)))
        {
            _errors.Error(key, $"a second {document.Quantity} limit for {channel.Key}");
        }

        var (fraction, window, hysteresis) = LimitRules(document, key);
        var sampler = ResolveSampler(document.Sampler, key + ":sampler", devices);
        return new EmissionLimit(
            channel.Index,
            channel.Key,
            quantity,
            limit,
            PreWarningFraction(fraction ?? DefaultPreWarningFraction),
            window ?? DefaultPreWarningWindow,
            hysteresis ?? DefaultHysteresis,
            sampler);
    }

    /// <summary>The entry's pre-warning and hysteresis, checked; null where it sets none.</summary>
    private (double? Fraction, TimeSpan? Window, double? Hysteresis) LimitRules(LimitDocument document, string key)
    {
        if (document.PreWarning is { } fraction && (!double.IsFinite(fraction) || fraction < 0 || fraction >= 1))
        {
            _errors.Error(key + ":preWarning", $"{fraction} must be 0 (none) or a fraction below 1, e.g. 0.8");
        }

        if (document.Hysteresis is { } hysteresis && (!double.IsFinite(hysteresis) || hysteresis < 0 || hysteresis > 0.5))
        {
            _errors.Error(key + ":hysteresis", $"{hysteresis} must be 0 to 0.5");
        }

        TimeSpan? window = document.PreWarningWindow is null
            ? null
            : _errors.Duration(document.PreWarningWindow, key + ":preWarningWindow", DefaultPreWarningWindow, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        return (document.PreWarning, window, document.Hysteresis);
    }

    /// <summary>0 means no pre-warning.</summary>
    private static double? PreWarningFraction(double fraction) => fraction > 0 ? fraction : null;

    /// <summary>The flueGas outlet that gives <paramref name="device"/>'s channels a converted value, if any.</summary>
    private static OutletDocument? ConvertingOutlet(string device, List<OutletDocument>? outlets) =>
        (outlets ?? []).FirstOrDefault(outlet => outlet.Kind == "flueGas" && outlet.OxygenChannel is not null && outlet.ReferenceOxygenPercent is not null && (outlet.Devices ?? []).Contains(device));

    /// <summary>The sampler device's name, once it is known to be on a bus and to declare <c>retainSample</c>.</summary>
    private string? ResolveSampler(string? name, string key, IReadOnlyList<PolledDevice> devices)
    {
        if (name is null)
        {
            return null;
        }

        var device = devices.FirstOrDefault(candidate => candidate.Name == name);
        if (device is null)
        {
            _errors.NoSuchDevice(key, name);
            return null;
        }

        if (!device.Profile.Commands.ContainsKey(BusSampleRetainer.CommandName))
        {
            var declared = device.Profile.Commands.Count == 0 ? "none" : string.Join(", ", device.Profile.Commands.Keys);
            _errors.Error(key, $"profile {device.Profile.Model} of {name} declares no '{BusSampleRetainer.CommandName}' command; it declares: {declared}");
            return null;
        }

        return name;
    }

    private Dictionary<string, LimitPreset> LoadLimitPresets(List<string>? configured)
    {
        var presets = new Dictionary<string, LimitPreset>(StringComparer.Ordinal);
        foreach (var (directory, key) in _errors.SearchDirectories(configured, defaultLimitPresetDirectories, "limitPresetDirectories", "limit preset"))
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
                _errors.Error($"{key}:{field}", "comes from the preset; to set one channel's limit differently, add an explicit entry with channel and quantity, which replaces the preset's");
            }
        }

        var (fraction, window, hysteresis) = LimitRules(document, key);
        var sampler = ResolveSampler(document.Sampler, key + ":sampler", devices);
        var members = new List<string>();
        if (document.Devices is null || document.Devices.Count == 0)
        {
            _errors.Error(key + ":devices", "is required with preset: the devices whose channels its limits apply to, e.g. [\"cems\", \"dust\"]");
        }

        for (var d = 0; d < (document.Devices?.Count ?? 0); d++)
        {
            var name = document.Devices![d];
            if (!devices.Any(device => device.Name == name))
            {
                _errors.NoSuchDevice($"{key}:devices:{d}", name);
            }
            else if (!members.Contains(name))
            {
                members.Add(name);
            }
        }

        if (!presets.TryGetValue(document.Preset!, out var preset))
        {
            var found = presets.Count == 0 ? "none" : string.Join(", ", presets.Keys.Order(StringComparer.Ordinal));
            _errors.Error(key + ":preset", $"unknown preset '{document.Preset}'; presets found: {found}");
            return limits;
        }

        var matched = false;
        var oxygenReported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in preset.Entries)
        {
            foreach (var device in members)
            {
                var withCode = channels.Channels.Where(channel => channel.Device == device && channel.Code == entry.Code && !channel.IsRunState).ToArray();
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
                    _errors.Error(key + ":preset", $"preset '{preset.Name}' limits {entry.Code} in {entry.Unit}, but {string.Join(", ", withCode.Select(channel => $"{channel.Key} is in {channel.Unit}"))}; limits are not converted");
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
                        _errors.Error(key + ":preset", $"a second {entry.QuantityName} limit for {channel.Key} (also from {ConfigKeyPath.ToDisplay(presetKeys[(channel.Key, entry.Quantity)])})");
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
            _errors.Error(key + ":preset", $"preset '{preset.Name}' matches no channel of {string.Join(", ", members)}: it limits {string.Join(", ", preset.Entries.Select(entry => entry.Code))}");
        }

        return limits;
    }

    /// <summary>A converted limit needs an outlet that converts the device's values, and at the preset's reference O2.</summary>
    private void CheckConversion(LimitPreset preset, LimitPresetEntry entry, string device, List<OutletDocument>? outlets, string key, HashSet<string> oxygenReported)
    {
        var outlet = ConvertingOutlet(device, outlets);
        if (outlet is null)
        {
            _errors.Error(key + ":preset", $"{entry.QuantityName} ({preset.Name}, {entry.Code}) needs {device} in a flueGas outlet with oxygenChannel and referenceOxygenPercent (the converted value)");
        }
        else if (preset.ReferenceOxygenPercent is { } reference && outlet.ReferenceOxygenPercent != reference && oxygenReported.Add(outlet.Name ?? device))
        {
            _errors.Error(key + ":preset", $"preset '{preset.Name}' is at {reference} % reference O2, but outlet {outlet.Name} converts {device} to {outlet.ReferenceOxygenPercent} %; a limit at another reference O2 is not comparable");
        }
    }
}
