using EdgeGateway.Configuration.Documents;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hardware;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Calibration;
using EdgeGateway.Pipeline.Validation;

namespace EdgeGateway.Configuration;

/// <summary>
/// The devices' <c>channels</c> settings: checked against the profiles, then the channel table with the site's codes and
/// ranges and the initial per-channel state (calibration, rules).
/// </summary>
internal sealed class ChannelSettingsResolver(ConfigErrorCollector errors)
{
    private readonly ConfigErrorCollector _errors = errors;

    public void CheckChannelKeys(Dictionary<string, ChannelSettingsDocument>? channels, DeviceProfile profile, string deviceKey)
    {
        foreach (var (channelId, settings) in channels ?? [])
        {
            var key = $"{deviceKey}:channels:{channelId}";
            var channel = profile.Channels.FirstOrDefault(candidate => candidate.Id == channelId);
            if (channel is null)
            {
                _errors.Error(key, $"profile {profile.Model} has no channel '{channelId}'; its channels: {string.Join(", ", profile.Channels.Select(candidate => candidate.Id))}");
                continue;
            }

            if (channel.IsRunState)
            {
                CheckRunStateChannel(settings, key);
                continue;
            }

            if (settings.Code is not null && !ConfigPatterns.FactorCode().IsMatch(settings.Code))
            {
                _errors.Error(key + ":code", $"'{settings.Code}' is not an HJ 212 factor code (a letter and five characters, e.g. a21026)");
            }
            else if (settings.Code is not null && FactorUnits.Mismatch(settings.Code, channel.Unit, channel.IsTotal) is { } problem)
            {
                // The profile checked its unit against its own code; a site code must fit the unit as well.
                _errors.Error(key + ":code", $"channel {channelId} ({profile.Model}): {problem}");
            }

            if ((settings.RangeMin is null) != (settings.RangeMax is null))
            {
                _errors.Error(key + (settings.RangeMin is null ? ":rangeMin" : ":rangeMax"), "rangeMin and rangeMax go together");
            }
            else if (settings.RangeMin >= settings.RangeMax)
            {
                _errors.Error(key + ":rangeMax", $"{settings.RangeMax} must be above rangeMin {settings.RangeMin}");
            }

            if (settings.Gain is { } gain && (!double.IsFinite(gain) || gain <= 0))
            {
                _errors.Error(key + ":gain", $"{gain} must be a positive number");
            }

            if (settings.Offset is { } offset && !double.IsFinite(offset))
            {
                _errors.Error(key + ":offset", $"{offset} must be a finite number");
            }

            if (settings.StuckAfter is not null)
            {
                _errors.Duration(settings.StuckAfter, key + ":stuckAfter", TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromDays(7));
            }

            if (settings.MaxRatePerSecond is { } rate && (!double.IsFinite(rate) || rate <= 0))
            {
                _errors.Error(key + ":maxRatePerSecond", $"{rate} must be a positive number");
            }
        }
    }

    public void CheckHj212Exclusions(List<string>? exclude, DeviceProfile profile, string deviceKey)
    {
        for (var i = 0; i < (exclude?.Count ?? 0); i++)
        {
            var channelId = exclude![i];
            if (!profile.Channels.Any(candidate => candidate.Id == channelId))
            {
                _errors.Error($"{deviceKey}:hj212:exclude:{i}", $"profile {profile.Model} has no channel '{channelId}'; its channels: {string.Join(", ", profile.Channels.Select(candidate => candidate.Id))}");
            }
        }
    }

    // A run-state channel's register is looked up in the profile's runState: only its equipment code may change.
    private void CheckRunStateChannel(ChannelSettingsDocument settings, string key)
    {
        if (settings.Code is not null && !ConfigPatterns.EquipmentCode().IsMatch(settings.Code))
        {
            _errors.Error(key + ":code", $"'{settings.Code}' is not an HJ 212 equipment code (SB and 1 to 3 digits, e.g. SB1); this is a run-state channel");
        }

        foreach (var (field, isSet) in (ReadOnlySpan<(string, bool)>)[
            ("rangeMin", settings.RangeMin is not null), ("rangeMax", settings.RangeMax is not null), ("gain", settings.Gain is not null),
            ("offset", settings.Offset is not null), ("stuckAfter", settings.StuckAfter is not null), ("maxRatePerSecond", settings.MaxRatePerSecond is not null)])
        {
            if (isSet)
            {
                _errors.Error($"{key}:{field}", "does not apply to a run-state channel (a treatment facility's state, not a measured value); only code may be set");
            }
        }
    }

    // The channel table with the site's codes and ranges, and the initial per-channel state (calibration, rules).
    public (ChannelTable? Channels, GatewayChannelState State) Build(List<BusDocument>? documents, List<BusSettings> buses, ClimateSettings? climate, Dictionary<string, ChannelSettingsDocument>? climateChannels)
    {
        var definitions = new List<ChannelDefinition>();
        var overrides = new List<ChannelOverride>();
        var byDevice = (documents ?? []).SelectMany(bus => bus.Devices ?? []).Where(device => device.Name is not null)
            .GroupBy(device => device.Name!, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        foreach (var device in buses.SelectMany(bus => bus.Devices))
        {
            var siteChannels = byDevice.TryGetValue(device.Name, out var document) ? document.Channels : null;
            var excluded = document?.Hj212?.Exclude ?? [];
            var deviceStart = definitions.Count;
            foreach (var channel in device.Profile.Channels)
            {
                ChannelSettingsDocument? settings = null;
                siteChannels?.TryGetValue(channel.Id, out settings);
                var range = settings?.RangeMin is { } min && settings.RangeMax is { } max ? new MeasuringRange(min, max) : channel.Range;
                var code = settings?.Code ?? channel.Code;

                // A totaliser of an excluded rate has nothing to feed: it goes with its rate.
                var isExcluded = excluded.Contains(channel.Id) || (channel.TotalOf is { } rateId && excluded.Contains(rateId));
                var rate = ChannelDefinition.RateIndexOf(channel, device.Profile.Channels, deviceStart);
                definitions.Add(new ChannelDefinition(definitions.Count, device.Name, channel.Id, code, channel.Unit, range, ChannelDefinition.KindOf(channel), rate, isExcluded));
                overrides.Add(OverrideOf(settings));
            }
        }

        if (climate is not null)
        {
            if (buses.SelectMany(bus => bus.Devices).Any(device => string.Equals(device.Name, climate.Device, StringComparison.Ordinal)))
            {
                _errors.Error("hardware:climate:device", $"'{climate.Device}' is already the name of a device on a bus");
            }

            // The same per-channel settings as an analyzer's: a stuck sensor is caught by stuckAfter like a stuck analyzer.
            CheckChannelKeys(climateChannels, CabinetClimateDevice.Profile, "hardware:climate");
            foreach (var channel in CabinetClimateDevice.Profile.Channels)
            {
                ChannelSettingsDocument? settings = null;
                climateChannels?.TryGetValue(channel.Id, out settings);
                var range = settings?.RangeMin is { } min && settings.RangeMax is { } max ? new MeasuringRange(min, max) : channel.Range;
                definitions.Add(new ChannelDefinition(definitions.Count, climate.Device, channel.Id, settings?.Code ?? channel.Code, channel.Unit, range));
                overrides.Add(OverrideOf(settings));
            }
        }

        var state = new GatewayChannelState(definitions.Count);
        for (var i = 0; i < overrides.Count; i++)
        {
            state = state.With(i, overrides[i]);
        }

        return (_errors.Count == 0 ? new ChannelTable(definitions) : null, state);
    }

    private static ChannelOverride OverrideOf(ChannelSettingsDocument? settings)
    {
        if (settings is null)
        {
            return ChannelOverride.None;
        }

        CalibrationCoefficients? calibration = null;
        if (settings.Gain is not null || settings.Offset is not null)
        {
            var gain = settings.Gain ?? 1;
            var offset = settings.Offset ?? 0;
            calibration = new CalibrationCoefficients(gain, offset, new CalibrationPoint(0, offset), new CalibrationPoint(1, gain + offset), DateTimeOffset.UnixEpoch);
        }

        ChannelValidationRules? rules = null;
        if (settings.StuckAfter is not null || settings.MaxRatePerSecond is not null)
        {
            rules = new ChannelValidationRules
            {
                StuckAfter = ConfigValues.TryParseDuration(settings.StuckAfter, out var stuck) ? stuck : null,
                MaxRatePerSecond = settings.MaxRatePerSecond,
            };
        }

        return new ChannelOverride(Calibration: calibration, Rules: rules);
    }
}
