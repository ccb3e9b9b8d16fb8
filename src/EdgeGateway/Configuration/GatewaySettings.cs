using EdgeGateway.Control.Calibration;
using EdgeGateway.Hardware;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Hj212;
using EdgeGateway.Uplink.Mqtt;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Configuration;

/// <summary>The validated site configuration: everything the host needs to build the gateway, in the types of the parts.</summary>
internal sealed record GatewaySettings
{
    /// <summary>The file the configuration was read from.</summary>
    public required string ConfigFile { get; init; }

    public required string GatewayId { get; init; }

    public string SiteName { get; init; } = string.Empty;

    public required IReadOnlyList<BusSettings> Buses { get; init; }

    public required ChannelTable Channels { get; init; }

    /// <summary>Per-channel calibration and validation rules from the config, before any technician's changes.</summary>
    public required GatewayChannelState InitialChannelState { get; init; }

    public required AggregationSettings Aggregation { get; init; }

    public required MqttLinkOptions Link { get; init; }

    public required OutboxPublisherOptions Publisher { get; init; }

    public UplinkPayloadMode Payload { get; init; } = UplinkPayloadMode.Json;

    /// <summary>How the JSON payload carries aggregate records: batched (the default) or one per message.</summary>
    public AggregateMessageForm AggregateMessages { get; init; } = AggregateMessageForm.Batch;

    /// <summary>HJ 212 header values; set when <see cref="Payload"/> is not JSON only.</summary>
    public Hj212UplinkOptions? Hj212 { get; init; }

    /// <summary>
    /// The HJ 212 platforms dialled over TCP (<c>platforms</c>), enabled or not; each has its outbox destination
    /// (<see cref="PlatformDestinations.Of"/>) in <see cref="SqliteOutboxOptions.Destinations"/> of <see cref="Outbox"/>.
    /// </summary>
    public IReadOnlyList<PlatformOptions> Platforms { get; init; } = [];

    public required SqliteOutboxOptions Outbox { get; init; }

    /// <summary>Where the gateway keeps its state (outbox, aggregation state).</summary>
    public required string StateDirectory { get; init; }

    public required string ControlSocket { get; init; }

    public bool CommandsEnabled { get; init; } = true;

    /// <summary>What a technician's calibration may do (<c>calibration.*</c>).</summary>
    public CalibrationLimits Calibration { get; init; } = new();

    /// <summary>The cabinet's parts that are enabled (<c>hardware.*</c>); none by default.</summary>
    public HardwareSettings Hardware { get; init; } = HardwareSettings.None;

    /// <summary>Emission limits (<c>limits</c>); none by default.</summary>
    public IReadOnlyList<EmissionLimit> Limits { get; init; } = [];

    public bool AllowSetTime { get; init; }

    /// <summary>The site's offset from UTC (HJ 212 times in commands and packets).</summary>
    public TimeSpan SiteUtcOffset { get; init; } = TimeSpan.FromHours(8);

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The aggregation state file: open windows survive a restart.</summary>
    public string AggregationStateFile => Path.Combine(StateDirectory, "aggregation-state.json");
}
