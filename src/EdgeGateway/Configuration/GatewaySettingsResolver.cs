using System.Globalization;
using EdgeGateway.Configuration.Documents;
using EdgeGateway.Control.Calibration;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Configuration;

/// <summary>
/// Checks a bound <see cref="GatewayConfigDocument"/> and builds <see cref="GatewaySettings"/> from it. Every problem
/// is collected, not just the first, each with its key path and source, so an installer fixes the file in one pass.
/// One resolver per section does the work, all reporting to one <see cref="ConfigErrorCollector"/>; the order of the
/// calls below is the order of the problems in the report.
/// </summary>
internal sealed class GatewaySettingsResolver
{
    private readonly ConfigSources _sources;
    private readonly IReadOnlyList<string> _defaultProfileDirectories;
    private readonly IReadOnlyList<string> _defaultLimitPresetDirectories;
    private readonly string _softwareVersion;

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
        var found = new ConfigErrorCollector(_sources);
        var rs485 = new Rs485SettingsResolver(found);
        var channelSettings = new ChannelSettingsResolver(found);
        var busSettings = new BusSettingsResolver(found, _defaultProfileDirectories, rs485, channelSettings);
        var uplinkSettings = new UplinkSettingsResolver(found, _softwareVersion);

        var gatewayId = found.Required(document.GatewayId, "gatewayId", "names this gateway in every topic and message");
        if (gatewayId is not null && !ConfigPatterns.GatewayId().IsMatch(gatewayId))
        {
            found.Error("gatewayId", $"'{gatewayId}' may hold only letters, digits, '-', '_' and '.' (1 to 64): it is an MQTT topic level");
        }

        var utcOffset = SiteOffset(found, document.Site?.UtcOffset);
        var profiles = busSettings.LoadProfiles(document.ProfileDirectories);
        var buses = busSettings.Resolve(document.Buses, profiles);
        var devices = buses.SelectMany(bus => bus.Devices).ToArray();

        // Before the channels: the cabinet climate sensor's two channels follow the analyzers' in the channel table.
        var hardware = new HardwareSettingsResolver(found).Resolve(document.Hardware);
        rs485.CheckPins(hardware);
        var (channels, channelState) = channelSettings.Build(document.Buses, buses, hardware.Climate, document.Hardware?.Climate?.Channels);
        var aggregation = new OutletSettingsResolver(found).Resolve(document.Outlets, devices, channels, utcOffset);
        var uplink = document.Uplink ?? new UplinkDocument();
        if (document.Uplink is null)
        {
            found.Error("uplink", "is required: the broker the platform listens on (uplink.broker)");
        }

        if (uplink.Commands?.AllowWrites == true)
        {
            // There are no remote writes to analyzers (write-register was removed: nothing could carry it out). The key
            // stays so that a gateway.json of an older version, which shipped it as false, still loads.
            found.Error("uplink:commands:allowWrites", "writes to analyzers from the platform are not available in this version; leave it false");
        }

        var link = uplinkSettings.Link(uplink, gatewayId ?? "gateway");
        var publisher = uplinkSettings.Publisher(uplink);
        var payload = found.Choice(uplink.Payload, "uplink:payload", UplinkPayloadMode.Json, ("json", UplinkPayloadMode.Json), ("hj212", UplinkPayloadMode.Hj212), ("both", UplinkPayloadMode.Both));
        var aggregateMessages = found.Choice(uplink.AggregateMessages, "uplink:aggregateMessages", AggregateMessageForm.Batch, ("batch", AggregateMessageForm.Batch), ("single", AggregateMessageForm.Single));
        var outletSystemCodes = payload != UplinkPayloadMode.Json || document.Platforms is { Count: > 0 } ? uplinkSettings.OutletSystemCodes(document.Outlets) : new Dictionary<string, string>();
        var hj212 = payload == UplinkPayloadMode.Json ? null : uplinkSettings.Hj212(uplink.Hj212, outletSystemCodes, utcOffset);
        var platformSystemCode = uplink.Hj212?.SystemCode is { } uplinkSystemCode && ConfigPatterns.SystemCode().IsMatch(uplinkSystemCode) ? uplinkSystemCode : "32";
        var platforms = new PlatformSettingsResolver(found).Resolve(document.Platforms, platformSystemCode, outletSystemCodes, utcOffset);
        var storage = document.Storage ?? new StorageDocument();
        var stateDirectory = found.NonBlankPath(storage.Directory, "storage:directory", "/var/lib/edge-gateway");
        if (File.Exists(stateDirectory))
        {
            found.Error("storage:directory", $"'{stateDirectory}' is a file, not a directory");
        }

        // Every platform configured, enabled or not, keeps its cursor: one left out would be forgotten at open and
        // owed only what is stored after it comes back.
        var outbox = new StorageSettingsResolver(found).Outbox(storage, stateDirectory) is { } resolvedOutbox
            ? resolvedOutbox with { Destinations = [OutboxDestinations.Mqtt, .. platforms.Select(platform => PlatformDestinations.Of(platform.Name))] }
            : null;
        var logLevel = found.Choice(document.Logging?.Level, "logging:level", LogLevel.Information,
            ("trace", LogLevel.Trace), ("debug", LogLevel.Debug), ("information", LogLevel.Information), ("info", LogLevel.Information),
            ("warning", LogLevel.Warning), ("error", LogLevel.Error), ("critical", LogLevel.Critical));
        var calibration = Calibration(found, document.Calibration);
        var limits = new LimitSettingsResolver(found, _defaultLimitPresetDirectories).Resolve(document, channels, devices);
        var controlSocket = found.NonBlankPath(document.Control?.Socket, "control:socket", "/run/edge-gateway/control.sock");
        ConsoleSettingsResolver.Check(found, document.Console);

        errors = found.ToList();
        if (found.Count > 0 || gatewayId is null || channels is null || aggregation is null || link is null || outbox is null)
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
            AggregateMessages = aggregateMessages,
            Hj212 = hj212,
            Platforms = platforms,
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

    private static CalibrationLimits Calibration(ConfigErrorCollector found, CalibrationDocument? document)
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
            found.Error("calibration:minGain", $"{minGain} must be above 0 and at most 1");
        }

        if (!double.IsFinite(maxGain) || maxGain < 1 || maxGain > 100)
        {
            found.Error("calibration:maxGain", $"{maxGain} must be 1 to 100");
        }

        return defaults with
        {
            MinGain = minGain,
            MaxGain = maxGain,
            Hold = found.Duration(document.Hold, "calibration:hold", defaults.Hold, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24)),
        };
    }

    private static TimeSpan SiteOffset(ConfigErrorCollector found, string? text)
    {
        if (text is null)
        {
            return TimeSpan.FromHours(8);
        }

        var match = ConfigPatterns.UtcOffset().Match(text.Trim());
        if (!match.Success)
        {
            found.Error("site:utcOffset", $"'{text}' is not an offset such as +08:00");
            return TimeSpan.FromHours(8);
        }

        var hours = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        var offset = new TimeSpan(hours, minutes, 0);
        if (minutes >= 60 || offset > TimeSpan.FromHours(14))
        {
            // DateTimeOffset takes no offset beyond ±14:00: the default keeps the rest of the check going.
            found.Error("site:utcOffset", minutes >= 60 ? $"'{text}' has {minutes} minutes; an offset is ±hh:mm with mm below 60" : $"'{text}' is beyond ±14:00");
            return TimeSpan.FromHours(8);
        }

        return match.Groups[1].Value == "-" ? -offset : offset;
    }
}
