using EdgeGateway.Configuration.Documents;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Configuration;

/// <summary>The <c>outlets</c> section: which devices' channels are aggregated together, and by which rules.</summary>
internal sealed class OutletSettingsResolver(ConfigErrorCollector errors)
{
    private readonly ConfigErrorCollector _errors = errors;

    public AggregationSettings? Resolve(List<OutletDocument>? documents, IReadOnlyList<PolledDevice> devices, ChannelTable? channels, TimeSpan utcOffset)
    {
        var outlets = new List<OutletRules>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var o = 0; o < (documents?.Count ?? 0); o++)
        {
            var outlet = documents![o];
            var key = $"outlets:{o}";
            var name = _errors.Required(outlet.Name, key + ":name", "the outlet's id, e.g. DA001");
            if (name is not null && !names.Add(name))
            {
                _errors.Error(key + ":name", $"duplicate outlet name '{name}'");
            }

            var kind = _errors.Choice(outlet.Kind, key + ":kind", (OutletKind?)null, ("flueGas", OutletKind.FlueGas), ("wastewater", OutletKind.Wastewater));
            if (outlet.Kind is null)
            {
                _errors.Error(key + ":kind", "is required: flueGas or wastewater");
            }

            var members = new List<PolledDevice>();
            if (outlet.Devices is null || outlet.Devices.Count == 0)
            {
                _errors.Error(key + ":devices", "at least one device is required");
            }

            for (var d = 0; d < (outlet.Devices?.Count ?? 0); d++)
            {
                var deviceName = outlet.Devices![d];
                var device = devices.FirstOrDefault(candidate => candidate.Name == deviceName);
                if (device is null)
                {
                    _errors.NoSuchDevice($"{key}:devices:{d}", deviceName);
                }
                else if (!owner.TryAdd(deviceName, key))
                {
                    _errors.Error($"{key}:devices:{d}", $"device '{deviceName}' already belongs to {ConfigKeyPath.ToDisplay(owner[deviceName])}");
                }
                else
                {
                    members.Add(device);
                }
            }

            var oxygen = OutletChannel(outlet.OxygenChannel, key + ":oxygenChannel", members, channels);
            var flow = OutletChannel(outlet.FlowChannel, key + ":flowChannel", members, channels);
            if (outlet.ReferenceOxygenPercent is { } reference && (reference <= 0 || reference >= 21))
            {
                _errors.Error(key + ":referenceOxygenPercent", $"{reference} must be between 0 and 21 (%)");
            }

            if (oxygen is not null && outlet.ReferenceOxygenPercent is null)
            {
                _errors.Error(key + ":referenceOxygenPercent", "is required with oxygenChannel (the permit's reference O2, e.g. 6 for a coal boiler)");
            }

            if (oxygen is not null && kind == OutletKind.Wastewater)
            {
                _errors.Error(key + ":oxygenChannel", "applies to flue gas only");
            }

            var minuteInterval = _errors.Whole(outlet.MinuteInterval, key + ":minuteInterval", 1, 1, 60);
            if (!OutletRules.AllowedMinuteIntervals.Contains(minuteInterval))
            {
                _errors.Error(key + ":minuteInterval", $"{minuteInterval} does not divide the hour evenly; use one of {string.Join(", ", OutletRules.AllowedMinuteIntervals)}");
            }

            CheckOneChannelPerCode(key, members, channels);
            if (name is null || kind is null || channels is null || members.Count == 0)
            {
                continue;
            }

            var pollInterval = members.Max(device => device.Settings.PollInterval);
            outlets.Add(new OutletRules
            {
                Name = name,
                Kind = kind.Value,
                // Run-state channels belong to no outlet: a facility's state is sent as 2021, never averaged.
                Channels = [.. channels.Channels.Where(channel => !channel.IsRunState && members.Any(device => device.Name == channel.Device)).Select(channel => channel.Index)],
                OxygenChannel = oxygen,
                ReferenceOxygenPercent = outlet.ReferenceOxygenPercent,
                FlowChannel = flow,
                MinuteIntervalMinutes = minuteInterval,
                PollInterval = pollInterval,
                PairingTolerance = pollInterval,
            });
        }

        return new AggregationSettings
        {
            Outlets = outlets,
            SiteTimeZone = utcOffset == TimeSpan.FromHours(8)
                ? SiteTimeZones.ChinaStandardTime()
                : TimeZoneInfo.CreateCustomTimeZone("site", utcOffset, "site", "site"),
        };
    }

    // One outlet's minute record goes to a platform as one 2051: two channels giving one code would make two values
    // of a01011-Avg for one DataTime (the CEMS's velocity and the dust meter's), and the platform cannot tell which.
    private void CheckOneChannelPerCode(string key, List<PolledDevice> members, ChannelTable? channels)
    {
        if (channels is null)
        {
            return;
        }

        var byCode = new Dictionary<string, ChannelDefinition>(StringComparer.Ordinal);
        foreach (var channel in channels.Channels.Where(channel => !channel.IsRunState && members.Any(device => device.Name == channel.Device)))
        {
            if (channel.Hj212Code is not { } code)
            {
                continue;
            }

            if (!byCode.TryAdd(code, channel))
            {
                var first = byCode[code];
                _errors.Error(key + ":devices", $"channels {first.Key} and {channel.Key} both give HJ 212 code {code} in this outlet; keep one out of HJ 212 data with \"hj212\": {{ \"exclude\": [\"{channel.Channel}\"] }} on device {channel.Device} (or on {first.Device})");
            }
        }
    }

    private int? OutletChannel(string? channelKey, string key, List<PolledDevice> members, ChannelTable? channels)
    {
        if (channelKey is null || channels is null)
        {
            return null;
        }

        if (!channels.TryFind(channelKey, out var channel))
        {
            _errors.NoSuchChannel(key, channelKey, $"no channel '{channelKey}' (channel keys are device.channel, e.g. cems.o2)");
            return null;
        }

        if (!members.Any(device => device.Name == channel.Device))
        {
            _errors.Error(key, $"channel '{channelKey}' belongs to device '{channel.Device}', which is not in this outlet");
            return null;
        }

        if (channel.IsRunState)
        {
            _errors.Error(key, $"channel '{channelKey}' is a run-state channel ({channel.Code}), not a measured value");
            return null;
        }

        return channel.Index;
    }
}
