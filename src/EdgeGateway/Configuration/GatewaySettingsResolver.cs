using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.Configuration.Documents;
using EdgeGateway.Control.Calibration;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hardware;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Calibration;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Hj212;
using EdgeGateway.Uplink.Mqtt;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Configuration;

/// <summary>
/// Checks a bound <see cref="GatewayConfigDocument"/> and builds <see cref="GatewaySettings"/> from it. Every problem
/// is collected, not just the first, each with its key path and source, so an installer fixes the file in one pass.
/// </summary>
public sealed partial class GatewaySettingsResolver
{
    private const int MaxSlaveId = 247;
    private readonly ConfigSources _sources;
    private readonly IReadOnlyList<string> _defaultProfileDirectories;
    private readonly IReadOnlyList<string> _defaultLimitPresetDirectories;
    private readonly string _softwareVersion;
    private readonly List<ConfigError> _errors = [];

    // Devices declared on a bus but left out for an error of their own (unknown profile, bad slave): a reference to
    // one is not reported again as "no device", so the device's own error is the one that shows.
    private readonly HashSet<string> _devicesInError = new(StringComparer.Ordinal);

    public GatewaySettingsResolver(ConfigSources sources, IReadOnlyList<string> defaultProfileDirectories, IReadOnlyList<string> defaultLimitPresetDirectories, string softwareVersion)
    {
        _sources = sources;
        _defaultProfileDirectories = defaultProfileDirectories;
        _defaultLimitPresetDirectories = defaultLimitPresetDirectories;
        _softwareVersion = softwareVersion;
    }

    /// <summary>The settings, or null with <paramref name="errors"/> listing every problem found.</summary>
    public GatewaySettings? Resolve(GatewayConfigDocument document, out IReadOnlyList<ConfigError> errors)
    {
        _errors.Clear();
        _rs485Pins.Clear();
        var gatewayId = Required(document.GatewayId, "gatewayId", "names this gateway in every topic and message");
        if (gatewayId is not null && !GatewayIdPattern().IsMatch(gatewayId))
        {
            Error("gatewayId", $"'{gatewayId}' may hold only letters, digits, '-', '_' and '.' (1 to 64): it is an MQTT topic level");
        }

        var utcOffset = SiteOffset(document.Site?.UtcOffset);
        var profiles = LoadProfiles(document.ProfileDirectories);
        var buses = ResolveBuses(document.Buses, profiles);
        var devices = buses.SelectMany(bus => bus.Devices).ToArray();

        // Before the channels: the cabinet climate sensor's two channels follow the analyzers' in the channel table.
        var hardware = ResolveHardware(document.Hardware);
        CheckRs485Pins(hardware);
        var (channels, channelState) = BuildChannels(document.Buses, buses, hardware.Climate, document.Hardware?.Climate?.Channels);
        var aggregation = ResolveOutlets(document.Outlets, devices, channels, utcOffset);
        var uplink = document.Uplink ?? new UplinkDocument();
        if (document.Uplink is null)
        {
            Error("uplink", "is required: the broker the platform listens on (uplink.broker)");
        }

        var link = ResolveLink(uplink, gatewayId ?? "gateway");
        var publisher = ResolvePublisher(uplink);
        var payload = Choice(uplink.Payload, "uplink:payload", UplinkPayloadMode.Json, ("json", UplinkPayloadMode.Json), ("hj212", UplinkPayloadMode.Hj212), ("both", UplinkPayloadMode.Both));
        var hj212 = payload == UplinkPayloadMode.Json ? null : ResolveHj212(uplink.Hj212, document.Outlets, utcOffset);
        var storage = document.Storage ?? new StorageDocument();
        var stateDirectory = NonBlankPath(storage.Directory, "storage:directory", "/var/lib/edge-gateway");
        if (File.Exists(stateDirectory))
        {
            Error("storage:directory", $"'{stateDirectory}' is a file, not a directory");
        }

        var outbox = ResolveOutbox(storage, stateDirectory);
        var logLevel = Choice(document.Logging?.Level, "logging:level", LogLevel.Information,
            ("trace", LogLevel.Trace), ("debug", LogLevel.Debug), ("information", LogLevel.Information), ("info", LogLevel.Information),
            ("warning", LogLevel.Warning), ("error", LogLevel.Error), ("critical", LogLevel.Critical));
        var calibration = Calibration(document.Calibration);
        var limits = ResolveLimits(document, channels, devices);
        var controlSocket = NonBlankPath(document.Control?.Socket, "control:socket", "/run/edge-gateway/control.sock");

        errors = [.. _errors];
        if (_errors.Count > 0 || gatewayId is null || channels is null || aggregation is null || link is null || outbox is null)
        {
            return null;
        }

        return new GatewaySettings
        {
            ConfigFile = _sources.ConfigFile,
            GatewayId = gatewayId,
            SiteName = document.Site?.Name ?? string.Empty,
            Buses = buses,
            Channels = channels,
            InitialChannelState = channelState,
            Aggregation = aggregation,
            Link = link,
            Publisher = publisher,
            Payload = payload,
            Hj212 = hj212,
            Outbox = outbox,
            StateDirectory = stateDirectory,
            ControlSocket = controlSocket,
            Calibration = calibration,
            Hardware = hardware,
            Limits = limits,
            CommandsEnabled = uplink.Commands?.Enabled ?? true,
            AllowSetTime = uplink.Commands?.AllowSetTime ?? false,
            SiteUtcOffset = utcOffset,
            LogLevel = logLevel,
        };
    }

    private CalibrationLimits Calibration(CalibrationDocument? document)
    {
        var defaults = new CalibrationLimits();
        if (document is null)
        {
            return defaults;
        }

        var minGain = document.MinGain ?? defaults.MinGain;
        var maxGain = document.MaxGain ?? defaults.MaxGain;
        if (!double.IsFinite(minGain) || minGain <= 0 || minGain > 1)
        {
            Error("calibration:minGain", $"{minGain} must be above 0 and at most 1");
        }

        if (!double.IsFinite(maxGain) || maxGain < 1 || maxGain > 100)
        {
            Error("calibration:maxGain", $"{maxGain} must be 1 to 100");
        }

        return defaults with
        {
            MinGain = minGain,
            MaxGain = maxGain,
            Hold = Duration(document.Hold, "calibration:hold", defaults.Hold, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24)),
        };
    }

    private TimeSpan SiteOffset(string? text)
    {
        if (text is null)
        {
            return TimeSpan.FromHours(8);
        }

        var match = UtcOffsetPattern().Match(text.Trim());
        if (!match.Success)
        {
            Error("site:utcOffset", $"'{text}' is not an offset such as +08:00");
            return TimeSpan.FromHours(8);
        }

        var hours = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        var offset = new TimeSpan(hours, minutes, 0);
        if (minutes >= 60 || offset > TimeSpan.FromHours(14))
        {
            // DateTimeOffset takes no offset beyond ±14:00: the default keeps the rest of the check going.
            Error("site:utcOffset", minutes >= 60 ? $"'{text}' has {minutes} minutes; an offset is ±hh:mm with mm below 60" : $"'{text}' is beyond ±14:00");
            return TimeSpan.FromHours(8);
        }

        return match.Groups[1].Value == "-" ? -offset : offset;
    }

    private Dictionary<string, DeviceProfile> LoadProfiles(List<string>? configured)
    {
        var profiles = new Dictionary<string, DeviceProfile>(StringComparer.Ordinal);
        foreach (var (directory, key) in SearchDirectories(configured, _defaultProfileDirectories, "profileDirectories", "profile"))
        {
            if (!DeviceProfileLoader.TryLoadDirectory(directory, out var loaded, out var problems))
            {
                foreach (var problem in problems)
                {
                    _errors.Add(new ConfigError(ConfigKeyPath.ToDisplay(key), problem.ToString(), problem.File));
                }
            }

            foreach (var profile in loaded)
            {
                // The first directory wins: a site's own /etc/edge-gateway/profiles overrides the shipped ones.
                var fileName = profile.Source is null ? null : Path.GetFileNameWithoutExtension(profile.Source);
                if (fileName is not null)
                {
                    profiles.TryAdd(fileName, profile);
                }

                profiles.TryAdd(profile.Model, profile);
            }
        }

        return profiles;
    }

    /// <summary>
    /// The directories a list key names, or its defaults, that exist, in order, each with the key its problems are
    /// reported under. A configured directory that does not exist is an error (a default one may be absent), and so is
    /// finding none at all.
    /// </summary>
    private List<(string Directory, string Key)> SearchDirectories(List<string>? configured, IReadOnlyList<string> defaults, string key, string what)
    {
        var directories = configured ?? [.. defaults];
        var existing = new List<(string, string)>();
        for (var i = 0; i < directories.Count; i++)
        {
            if (Directory.Exists(directories[i]))
            {
                existing.Add((directories[i], configured is null ? key : $"{key}:{i}"));
            }
            else if (configured is not null)
            {
                Error($"{key}:{i}", $"directory '{directories[i]}' does not exist");
            }
        }

        if (existing.Count == 0)
        {
            Error(key, $"no {what} directory found (looked in {string.Join(", ", directories)})");
        }

        return existing;
    }

    private List<BusSettings> ResolveBuses(List<BusDocument>? documents, Dictionary<string, DeviceProfile> profiles)
    {
        var buses = new List<BusSettings>();
        if (documents is null || documents.Count == 0)
        {
            Error("buses", "at least one bus is required: there is nothing to poll");
            return buses;
        }

        var busNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var deviceNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var b = 0; b < documents.Count; b++)
        {
            var bus = documents[b];
            var key = $"buses:{b}";
            var name = bus.Name ?? $"bus-{b + 1}";
            if (!NamePattern().IsMatch(name))
            {
                Error(key + ":name", $"'{name}' may hold only letters, digits, '-', '_' and '.'");
            }
            else if (!busNames.TryAdd(name, key))
            {
                Error(key + ":name", $"duplicate bus name '{name}' (also {ConfigKeyPath.ToDisplay(busNames[name])})");
            }

            var endpoint = ResolveEndpoint(bus.Port, key + ":port");
            var serial = endpoint is { Kind: ModbusEndpointKind.Serial } ? ResolveSerial(bus, endpoint.Address, key) : null;
            var driver = Choice(bus.Driver, key + ":driver", SerialDriver.Posix, ("posix", SerialDriver.Posix), ("system.io.ports", SerialDriver.SystemIOPorts));
            var timeout = Duration(bus.Timeout, key + ":timeout", TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));
            var retries = Whole(bus.Retries, key + ":retries", 1, 0, 5);
            var gap = Duration(bus.Gap, key + ":gap", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1));
            var master = new ModbusMasterOptions { Timeout = timeout, Retries = retries, InterRequestGap = gap, DiscardEcho = bus.DiscardEcho ?? false };
            var degradeAfter = Whole(bus.DegradeAfterFailedCycles, key + ":degradeAfterFailedCycles", 3, 1, 100);
            var probeInterval = Duration(bus.ProbeInterval, key + ":probeInterval", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
            var reopenMaxDelay = Duration(bus.ReopenMaxDelay, key + ":reopenMaxDelay", BusPoller.DefaultReopenMaxDelay, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
            var rs485 = ResolveRs485(bus.Rs485, endpoint, driver, key + ":rs485");

            var devices = new List<PolledDevice>();
            var slaves = new Dictionary<int, string>();
            if (bus.Devices is null || bus.Devices.Count == 0)
            {
                Error(key + ":devices", "at least one device is required on a bus");
            }

            for (var d = 0; d < (bus.Devices?.Count ?? 0); d++)
            {
                var device = bus.Devices![d];
                var deviceKey = $"{key}:devices:{d}";
                var deviceName = Required(device.Name, deviceKey + ":name", "channel keys are {device}.{channel}");
                if (deviceName is not null && !DeviceNamePattern().IsMatch(deviceName))
                {
                    Error(deviceKey + ":name", $"'{deviceName}' may hold only lower-case letters, digits, '-' and '_'");
                    deviceName = null;
                }
                else if (deviceName is not null && !deviceNames.TryAdd(deviceName, deviceKey))
                {
                    Error(deviceKey + ":name", $"duplicate device name '{deviceName}' (also {ConfigKeyPath.ToDisplay(deviceNames[deviceName])}): channel keys would clash");
                    deviceName = null;
                }

                var profileName = Required(device.Profile, deviceKey + ":profile", "the analyzer's register map");
                DeviceProfile? profile = null;
                if (profileName is not null && !profiles.TryGetValue(profileName, out profile))
                {
                    var known = profiles.Keys.Where(candidate => !candidate.Contains(' ', StringComparison.Ordinal)).Order(StringComparer.Ordinal);
                    Error(deviceKey + ":profile", $"unknown profile '{profileName}'; known: {string.Join(", ", known)}");
                }

                var slave = Whole(device.Slave, deviceKey + ":slave", null, 1, MaxSlaveId);
                if (device.Slave is null)
                {
                    Error(deviceKey + ":slave", "is required: the analyzer's Modbus address, 1 to 247");
                }
                else if (!slaves.TryAdd(slave, deviceKey))
                {
                    Error(deviceKey + ":slave", $"slave {slave} is already used on this bus by {ConfigKeyPath.ToDisplay(slaves[slave])}");
                }

                var settings = new DevicePollSettings
                {
                    PollInterval = Duration(device.PollInterval, deviceKey + ":pollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
                    Timeout = device.Timeout is null ? timeout : Duration(device.Timeout, deviceKey + ":timeout", timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10)),
                    Retries = device.Retries is null ? retries : Whole(device.Retries, deviceKey + ":retries", retries, 0, 5),
                    DegradeAfterFailedCycles = device.DegradeAfterFailedCycles is null ? degradeAfter : Whole(device.DegradeAfterFailedCycles, deviceKey + ":degradeAfterFailedCycles", degradeAfter, 1, 100),
                    ProbeInterval = device.ProbeInterval is null ? probeInterval : Duration(device.ProbeInterval, deviceKey + ":probeInterval", probeInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
                };

                if (profile is not null)
                {
                    CheckChannelKeys(device.Channels, profile, deviceKey);
                }

                if (deviceName is not null && profile is not null && slave is >= 1 and <= MaxSlaveId)
                {
                    devices.Add(PolledDevice.Create(deviceName, (byte)slave, profile, settings));
                }
                else if (deviceName is not null)
                {
                    _devicesInError.Add(deviceName);
                }
            }

            if (endpoint is not null)
            {
                buses.Add(new BusSettings(name, endpoint, serial, driver, master, devices, rs485) { ReopenMaxDelay = reopenMaxDelay });
            }
        }

        return buses;
    }

    private ModbusEndpoint? ResolveEndpoint(string? port, string key)
    {
        if (Required(port, key, "a serial device such as /dev/ttyUSB0, or tcp://host:502, or rtu+tcp://host:port") is null)
        {
            return null;
        }

        if (!ModbusEndpoint.TryParse(port, out var endpoint, out var problem))
        {
            Error(key, problem);
            return null;
        }

        if (endpoint.Kind == ModbusEndpointKind.Serial && !File.Exists(endpoint.Address))
        {
            Error(key, $"port not found: '{endpoint.Address}' does not exist (is the adapter plugged in? `ls -l /dev/serial/by-id/` lists the serial adapters)");
        }

        return endpoint;
    }

    private SerialSettings ResolveSerial(BusDocument bus, string portName, string key)
    {
        var baud = Whole(bus.Baud, key + ":baud", 9600, 1, int.MaxValue);
        var supported = SupportedSerialSettings.BaudRates.ToArray();
        if (bus.Baud is not null && !supported.Contains(baud))
        {
            Error(key + ":baud", $"{baud} is not a supported baud rate; use one of {string.Join(", ", supported)}");
        }

        var parity = Choice(bus.Parity, key + ":parity", SerialParity.None, ("none", SerialParity.None), ("even", SerialParity.Even), ("odd", SerialParity.Odd));
        var dataBits = Whole(bus.DataBits, key + ":dataBits", 8, 7, 8);
        var stopBits = Whole(bus.StopBits, key + ":stopBits", 1, 1, 2);
        return new SerialSettings(portName, baud, parity, dataBits, stopBits);
    }

    private void CheckChannelKeys(Dictionary<string, ChannelSettingsDocument>? channels, DeviceProfile profile, string deviceKey)
    {
        foreach (var (channelId, settings) in channels ?? [])
        {
            var key = $"{deviceKey}:channels:{channelId}";
            var channel = profile.Channels.FirstOrDefault(candidate => candidate.Id == channelId);
            if (channel is null)
            {
                Error(key, $"profile {profile.Model} has no channel '{channelId}'; its channels: {string.Join(", ", profile.Channels.Select(candidate => candidate.Id))}");
                continue;
            }

            if (settings.Code is not null && !FactorCodePattern().IsMatch(settings.Code))
            {
                Error(key + ":code", $"'{settings.Code}' is not an HJ 212 factor code (a letter and five characters, e.g. a21026)");
            }

            if ((settings.RangeMin is null) != (settings.RangeMax is null))
            {
                Error(key + (settings.RangeMin is null ? ":rangeMin" : ":rangeMax"), "rangeMin and rangeMax go together");
            }
            else if (settings.RangeMin >= settings.RangeMax)
            {
                Error(key + ":rangeMax", $"{settings.RangeMax} must be above rangeMin {settings.RangeMin}");
            }

            if (settings.Gain is { } gain && (!double.IsFinite(gain) || gain <= 0))
            {
                Error(key + ":gain", $"{gain} must be a positive number");
            }

            if (settings.Offset is { } offset && !double.IsFinite(offset))
            {
                Error(key + ":offset", $"{offset} must be a finite number");
            }

            if (settings.StuckAfter is not null)
            {
                Duration(settings.StuckAfter, key + ":stuckAfter", TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromDays(7));
            }

            if (settings.MaxRatePerSecond is { } rate && (!double.IsFinite(rate) || rate <= 0))
            {
                Error(key + ":maxRatePerSecond", $"{rate} must be a positive number");
            }
        }
    }

    // The channel table with the site's codes and ranges, and the initial per-channel state (calibration, rules).
    private (ChannelTable? Channels, GatewayChannelState State) BuildChannels(List<BusDocument>? documents, List<BusSettings> buses, ClimateSettings? climate, Dictionary<string, ChannelSettingsDocument>? climateChannels)
    {
        var definitions = new List<ChannelDefinition>();
        var overrides = new List<ChannelOverride>();
        var byDevice = (documents ?? []).SelectMany(bus => bus.Devices ?? []).Where(device => device.Name is not null)
            .GroupBy(device => device.Name!, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        foreach (var device in buses.SelectMany(bus => bus.Devices))
        {
            var siteChannels = byDevice.TryGetValue(device.Name, out var document) ? document.Channels : null;
            foreach (var channel in device.Profile.Channels)
            {
                ChannelSettingsDocument? settings = null;
                siteChannels?.TryGetValue(channel.Id, out settings);
                var range = settings?.RangeMin is { } min && settings.RangeMax is { } max ? new MeasuringRange(min, max) : channel.Range;
                definitions.Add(new ChannelDefinition(definitions.Count, device.Name, channel.Id, settings?.Code ?? channel.Code, channel.Unit, range));
                overrides.Add(OverrideOf(settings));
            }
        }

        if (climate is not null)
        {
            if (buses.SelectMany(bus => bus.Devices).Any(device => string.Equals(device.Name, climate.Device, StringComparison.Ordinal)))
            {
                Error("hardware:climate:device", $"'{climate.Device}' is already the name of a device on a bus");
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

    private AggregationSettings? ResolveOutlets(List<OutletDocument>? documents, IReadOnlyList<PolledDevice> devices, ChannelTable? channels, TimeSpan utcOffset)
    {
        var outlets = new List<OutletRules>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var o = 0; o < (documents?.Count ?? 0); o++)
        {
            var outlet = documents![o];
            var key = $"outlets:{o}";
            var name = Required(outlet.Name, key + ":name", "the outlet's id, e.g. DA001");
            if (name is not null && !names.Add(name))
            {
                Error(key + ":name", $"duplicate outlet name '{name}'");
            }

            var kind = Choice(outlet.Kind, key + ":kind", (OutletKind?)null, ("flueGas", OutletKind.FlueGas), ("wastewater", OutletKind.Wastewater));
            if (outlet.Kind is null)
            {
                Error(key + ":kind", "is required: flueGas or wastewater");
            }

            var members = new List<PolledDevice>();
            if (outlet.Devices is null || outlet.Devices.Count == 0)
            {
                Error(key + ":devices", "at least one device is required");
            }

            for (var d = 0; d < (outlet.Devices?.Count ?? 0); d++)
            {
                var deviceName = outlet.Devices![d];
                var device = devices.FirstOrDefault(candidate => candidate.Name == deviceName);
                if (device is null)
                {
                    NoSuchDevice($"{key}:devices:{d}", deviceName);
                }
                else if (!owner.TryAdd(deviceName, key))
                {
                    Error($"{key}:devices:{d}", $"device '{deviceName}' already belongs to {ConfigKeyPath.ToDisplay(owner[deviceName])}");
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
                Error(key + ":referenceOxygenPercent", $"{reference} must be between 0 and 21 (%)");
            }

            if (oxygen is not null && outlet.ReferenceOxygenPercent is null)
            {
                Error(key + ":referenceOxygenPercent", "is required with oxygenChannel (the permit's reference O2, e.g. 6 for a coal boiler)");
            }

            if (oxygen is not null && kind == OutletKind.Wastewater)
            {
                Error(key + ":oxygenChannel", "applies to flue gas only");
            }

            var minuteInterval = Whole(outlet.MinuteInterval, key + ":minuteInterval", 1, 1, 60);
            if (!OutletRules.AllowedMinuteIntervals.Contains(minuteInterval))
            {
                Error(key + ":minuteInterval", $"{minuteInterval} does not divide the hour evenly; use one of {string.Join(", ", OutletRules.AllowedMinuteIntervals)}");
            }

            if (name is null || kind is null || channels is null || members.Count == 0)
            {
                continue;
            }

            var pollInterval = members.Max(device => device.Settings.PollInterval);
            outlets.Add(new OutletRules
            {
                Name = name,
                Kind = kind.Value,
                Channels = [.. channels.Channels.Where(channel => members.Any(device => device.Name == channel.Device)).Select(channel => channel.Index)],
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

    private int? OutletChannel(string? channelKey, string key, List<PolledDevice> members, ChannelTable? channels)
    {
        if (channelKey is null || channels is null)
        {
            return null;
        }

        if (!channels.TryFind(channelKey, out var channel))
        {
            NoSuchChannel(key, channelKey, $"no channel '{channelKey}' (channel keys are device.channel, e.g. cems.o2)");
            return null;
        }

        if (!members.Any(device => device.Name == channel.Device))
        {
            Error(key, $"channel '{channelKey}' belongs to device '{channel.Device}', which is not in this outlet");
            return null;
        }

        return channel.Index;
    }

    private MqttLinkOptions? ResolveLink(UplinkDocument uplink, string gatewayId)
    {
        // Password, password file and TLS files are checked by MqttLinkOptionsValidator below, mapped to their keys.
        var broker = Required(uplink.Broker, "uplink:broker", "mqtt://host[:port] or mqtts://host[:port]");
        var options = new MqttLinkOptions
        {
            GatewayId = gatewayId,
            BrokerUrl = broker ?? "mqtt://127.0.0.1",
            ClientId = uplink.ClientId,
            Protocol = Choice(uplink.Protocol, "uplink:protocol", MqttProtocolLevel.Mqtt5, ("5", MqttProtocolLevel.Mqtt5), ("5.0", MqttProtocolLevel.Mqtt5), ("3.1.1", MqttProtocolLevel.Mqtt311)),
            CaFile = uplink.CaFile,
            ClientCertificateFile = uplink.ClientCertificateFile,
            ClientKeyFile = uplink.ClientKeyFile,
            ServerName = uplink.ServerName,
            Username = uplink.Username,
            Password = uplink.Password,
            PasswordFile = uplink.PasswordFile,
            KeepAlive = Duration(uplink.KeepAlive, "uplink:keepAlive", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromHours(18)),
            SessionExpiry = Duration(uplink.SessionExpiry, "uplink:sessionExpiry", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromDays(30)),
            TopicRoot = uplink.TopicRoot,
            ReplyTopicRoot = uplink.ReplyTopicRoot,
            MaxInFlight = Whole(uplink.MaxInFlight, "uplink:maxInFlight", 32, 1, 1024),
            SoftwareVersion = _softwareVersion,
        };

        foreach (var problem in MqttLinkOptionsValidator.Validate(options))
        {
            // gatewayId problems are reported once, against its own key.
            if (problem.Option != nameof(MqttLinkOptions.GatewayId) && broker is not null)
            {
                Error(LinkOptionKey(problem.Option), problem.Message);
            }
        }

        return broker is null ? null : options;
    }

    private static string LinkOptionKey(string option) => option switch
    {
        nameof(MqttLinkOptions.BrokerUrl) or nameof(MqttLinkOptions.Host) or nameof(MqttLinkOptions.Port) or nameof(MqttLinkOptions.UseTls) => "uplink:broker",
        _ => "uplink:" + char.ToLowerInvariant(option[0]) + option[1..],
    };

    private OutboxPublisherOptions ResolvePublisher(UplinkDocument uplink)
    {
        var rate = uplink.BacklogMessagesPerSecond ?? 20;
        if (uplink.BacklogMessagesPerSecond is not null && (!double.IsFinite(rate) || rate <= 0))
        {
            Error("uplink:backlogMessagesPerSecond", $"{rate} must be a positive number");
            rate = 20;
        }

        return new OutboxPublisherOptions
        {
            BatchSize = Whole(uplink.BatchSize, "uplink:batchSize", 100, 1, 10_000),
            MaxBatchDelay = Duration(uplink.BatchDelay, "uplink:batchDelay", TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            BacklogMessagesPerSecond = rate,

            // The same key bounds the publisher's window and the link's; unset, the link keeps room for status,
            // replies and history beside the publisher's 8.
            MaxInFlight = uplink.MaxInFlight is >= 1 and <= 1024 ? uplink.MaxInFlight.Value : new OutboxPublisherOptions().MaxInFlight,
        };
    }

    private Hj212UplinkOptions? ResolveHj212(Hj212Document? document, List<OutletDocument>? outlets, TimeSpan utcOffset)
    {
        if (document is null)
        {
            Error("uplink:hj212", "is required with payload hj212 or both: at least mn and pw");
            return null;
        }

        var mn = Required(document.Mn, "uplink:hj212:mn", "the monitoring point's MN given by the authority");
        var pw = Required(document.Pw, "uplink:hj212:pw", "the access password of the platform");
        var systemCode = document.SystemCode ?? "32";
        if (!SystemCodePattern().IsMatch(systemCode))
        {
            Error("uplink:hj212:systemCode", $"'{systemCode}' is not a two-digit HJ 212 system code");
        }

        var byOutlet = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var o = 0; o < (outlets?.Count ?? 0); o++)
        {
            var outlet = outlets![o];
            var code = outlet.SystemCode ?? (outlet.Kind == "flueGas" ? "31" : outlet.Kind == "wastewater" ? "32" : null);
            if (outlet.SystemCode is not null && !SystemCodePattern().IsMatch(outlet.SystemCode))
            {
                Error($"outlets:{o}:systemCode", $"'{outlet.SystemCode}' is not a two-digit HJ 212 system code");
            }
            else if (outlet.Name is not null && code is not null)
            {
                byOutlet[outlet.Name] = code;
            }
        }

        return mn is null || pw is null ? null : new Hj212UplinkOptions
        {
            Mn = mn,
            Pw = pw,
            SystemCode = systemCode,
            SystemCodeByOutlet = byOutlet,
            SiteOffset = utcOffset,
            AcknowledgementRequired = document.AcknowledgementRequired ?? false,
        };
    }

    private SqliteOutboxOptions? ResolveOutbox(StorageDocument storage, string directory)
    {
        var synchronous = Choice(storage.Synchronous, "storage:synchronous", OutboxSynchronous.Normal, ("normal", OutboxSynchronous.Normal), ("full", OutboxSynchronous.Full));
        long maxBytes = 1L << 30;
        if (storage.MaxSize is not null && !ConfigValues.TryParseSize(storage.MaxSize, out maxBytes))
        {
            Error("storage:maxSize", $"'{storage.MaxSize}' is not {ConfigValues.SizeHint}");
            maxBytes = 1L << 30;
        }
        else if (maxBytes < 16L << 20)
        {
            Error("storage:maxSize", $"{storage.MaxSize} is below the minimum of 16MiB");
        }

        var retention = storage.Retention ?? new RetentionDocument();
        var defaults = new OutboxRetention();
        var oneDay = TimeSpan.FromDays(1);
        var tenYears = TimeSpan.FromDays(3_660 * 2);
        return new SqliteOutboxOptions
        {
            Path = Path.Combine(directory, "outbox.db"),
            Synchronous = synchronous,
            MaxBytes = maxBytes,
            Retention = new OutboxRetention
            {
                RealTime = Duration(retention.RealTime, "storage:retention:realTime", defaults.RealTime, TimeSpan.FromHours(1), tenYears),
                Minute = Duration(retention.Minute, "storage:retention:minute", defaults.Minute, oneDay, tenYears),
                Hour = Duration(retention.Hour, "storage:retention:hour", defaults.Hour, oneDay, tenYears),
                Day = Duration(retention.Day, "storage:retention:day", defaults.Day, oneDay, tenYears),
                Events = Duration(retention.Events, "storage:retention:events", defaults.Events, oneDay, tenYears),
            },
        };
    }

    private string? Required(string? value, string key, string why)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(key, $"is required: {why}");
            return null;
        }

        return value;
    }

    private TimeSpan Duration(string? text, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!ConfigValues.TryParseDuration(text, out var duration))
        {
            Error(key, $"'{text}' is not {ConfigValues.DurationHint}");
            return fallback;
        }

        if (duration < min || duration > max)
        {
            Error(key, $"{text} is out of range: from {ConfigValues.Format(min)} to {ConfigValues.Format(max)}");
            return fallback;
        }

        return duration;
    }

    private int Whole(int? value, string key, int? fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback ?? 0;
        }

        if (value < min || value > max)
        {
            Error(key, $"{value} is out of range: from {min} to {max}");
            return fallback ?? 0;
        }

        return value.Value;
    }

    private T Choice<T>(string? text, string key, T fallback, params (string Name, T Value)[] choices)
    {
        if (text is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Error(key, $"'{text}' is not one of: {string.Join(", ", choices.Select(choice => choice.Name).Distinct())}");
        return fallback;
    }

    private void Error(string key, string message) => _errors.Add(_sources.Error(key, message));

    // An empty path would mean the working directory, or fail only when the service opens it.
    private string NonBlankPath(string? path, string key, string fallback)
    {
        if (path is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            Error(key, $"must not be empty (unset means {fallback})");
            return fallback;
        }

        return path;
    }

    private void NoSuchDevice(string key, string name)
    {
        if (!_devicesInError.Contains(name))
        {
            Error(key, $"no device '{name}' on any bus");
        }
    }

    private void NoSuchChannel(string key, string channelKey, string message)
    {
        var device = channelKey.Split('.', 2)[0];
        if (!_devicesInError.Contains(device))
        {
            Error(key, message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex GatewayIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex DeviceNamePattern();

    [GeneratedRegex("^[a-z][a-z0-9]{5}$")]
    private static partial Regex FactorCodePattern();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex SystemCodePattern();

    [GeneratedRegex(@"^([+-])(\d{1,2}):(\d{2})$")]
    private static partial Regex UtcOffsetPattern();
}
