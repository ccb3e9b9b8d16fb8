using EdgeGateway.Configuration.Documents;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>The <c>limits</c> section: emission limits per channel, checked against the channel table and the outlets.</summary>
public sealed partial class GatewaySettingsResolver
{
    private const double DefaultPreWarningFraction = 0.8;

    private const double DefaultHysteresis = 0.05;

    private static readonly TimeSpan DefaultPreWarningWindow = TimeSpan.FromMinutes(15);

    private List<EmissionLimit> ResolveLimits(GatewayConfigDocument config, ChannelTable? channels, IReadOnlyList<PolledDevice> devices)
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
            Error(key + ":devices", "belongs to a preset entry (with preset); an explicit limit names its channel");
        }

        var channelKey = Required(document.Channel, key + ":channel", "the channel the limit applies to (device.channel), or a preset");
        if (channelKey is null)
        {
            return null;
        }

        if (!channels.TryFind(channelKey, out var channel))
        {
            NoSuchChannel(key + ":channel", channelKey, $"no channel '{channelKey}'");
            return null;
        }

        var quantity = Choice(document.Quantity, key + ":quantity", LimitQuantity.HourlyAverage, LimitQuantityNames.All);
        if (document.Quantity is null)
        {
            Error(key + ":quantity", $"is required: {LimitQuantityNames.Hint} (the permit says which)");
        }

        if (document.Limit is not { } limit || !double.IsFinite(limit) || limit <= 0)
        {
            Error(key + ":limit", "is required: a positive number in the channel's unit");
            return null;
        }

        if (document.Unit is null)
        {
            Error(key + ":unit", $"is required, so that a limit in another unit is caught: {channel.Key} is in {channel.Unit}");
        }
        else if (!string.Equals(document.Unit.Trim(), channel.Unit, StringComparison.Ordinal))
        {
            Error(key + ":unit", $"'{document.Unit}' is not the unit of {channel.Key} ({channel.Unit}); limits are not converted");
        }

        if (quantity is LimitQuantity.RealTimeConverted or LimitQuantity.HourlyConverted && ConvertingOutlet(channel.Device, outlets) is null)
        {
            Error(key + ":quantity", $"{document.Quantity} needs {channel.Device} in a flueGas outlet with oxygenChannel and referenceOxygenPercent (the converted value)");
        }

        if (!seen.Add((channel.Key, quantity)))
        {
            Error(key, $"a second {document.Quantity} limit for {channel.Key}");
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
            Error(key + ":preWarning", $"{fraction} must be 0 (none) or a fraction below 1, e.g. 0.8");
        }

        if (document.Hysteresis is { } hysteresis && (!double.IsFinite(hysteresis) || hysteresis < 0 || hysteresis > 0.5))
        {
            Error(key + ":hysteresis", $"{hysteresis} must be 0 to 0.5");
        }

        TimeSpan? window = document.PreWarningWindow is null
            ? null
            : Duration(document.PreWarningWindow, key + ":preWarningWindow", DefaultPreWarningWindow, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
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
            NoSuchDevice(key, name);
            return null;
        }

        if (!device.Profile.Commands.ContainsKey(BusSampleRetainer.CommandName))
        {
            var declared = device.Profile.Commands.Count == 0 ? "none" : string.Join(", ", device.Profile.Commands.Keys);
            Error(key, $"profile {device.Profile.Model} of {name} declares no '{BusSampleRetainer.CommandName}' command; it declares: {declared}");
            return null;
        }

        return name;
    }
}
