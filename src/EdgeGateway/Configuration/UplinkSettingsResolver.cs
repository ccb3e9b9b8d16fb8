using EdgeGateway.Configuration.Documents;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Hj212;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Configuration;

/// <summary>The <c>uplink</c> section: the MQTT link, the outbox publisher, the payload and its HJ 212 options.</summary>
internal sealed class UplinkSettingsResolver(ConfigErrorCollector errors, string softwareVersion)
{
    private readonly ConfigErrorCollector _errors = errors;

    public MqttLinkOptions? Link(UplinkDocument uplink, string gatewayId)
    {
        // Password, password file and TLS files are checked by MqttLinkOptionsValidator below, mapped to their keys.
        var broker = _errors.Required(uplink.Broker, "uplink:broker", "mqtt://host[:port] or mqtts://host[:port]");
        var options = new MqttLinkOptions
        {
            GatewayId = gatewayId,
            BrokerUrl = broker ?? "mqtt://127.0.0.1",
            ClientId = uplink.ClientId,
            Protocol = _errors.Choice(uplink.Protocol, "uplink:protocol", MqttProtocolLevel.Mqtt5, ("5", MqttProtocolLevel.Mqtt5), ("5.0", MqttProtocolLevel.Mqtt5), ("3.1.1", MqttProtocolLevel.Mqtt311)),
            CaFile = uplink.CaFile,
            ClientCertificateFile = uplink.ClientCertificateFile,
            ClientKeyFile = uplink.ClientKeyFile,
            ServerName = uplink.ServerName,
            Username = uplink.Username,
            Password = uplink.Password,
            PasswordFile = uplink.PasswordFile,
            KeepAlive = _errors.Duration(uplink.KeepAlive, "uplink:keepAlive", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromHours(18)),
            SessionExpiry = _errors.Duration(uplink.SessionExpiry, "uplink:sessionExpiry", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromDays(30)),
            TopicRoot = uplink.TopicRoot,
            ReplyTopicRoot = uplink.ReplyTopicRoot,
            MaxInFlight = _errors.Whole(uplink.MaxInFlight, "uplink:maxInFlight", 32, 1, 1024),
            SoftwareVersion = softwareVersion,
        };

        foreach (var problem in MqttLinkOptionsValidator.Validate(options))
        {
            // gatewayId problems are reported once, against its own key.
            if (problem.Option != nameof(MqttLinkOptions.GatewayId) && broker is not null)
            {
                _errors.Error(LinkOptionKey(problem.Option), problem.Message);
            }
        }

        return broker is null ? null : options;
    }

    private static string LinkOptionKey(string option) => option switch
    {
        nameof(MqttLinkOptions.BrokerUrl) or nameof(MqttLinkOptions.Host) or nameof(MqttLinkOptions.Port) or nameof(MqttLinkOptions.UseTls) => "uplink:broker",
        _ => "uplink:" + char.ToLowerInvariant(option[0]) + option[1..],
    };

    public OutboxPublisherOptions Publisher(UplinkDocument uplink)
    {
        // Unset: the backlog is paced by the broker's acknowledgements alone; a rate is an optional cap.
        var rate = uplink.BacklogMessagesPerSecond;
        if (rate is { } cap && (!double.IsFinite(cap) || cap <= 0))
        {
            _errors.Error("uplink:backlogMessagesPerSecond", $"{cap} must be a positive number (or leave it out: the backlog then follows the broker's acknowledgements)");
            rate = null;
        }

        return new OutboxPublisherOptions
        {
            BatchSize = _errors.Whole(uplink.BatchSize, "uplink:batchSize", 100, 1, 10_000),
            MaxBatchDelay = _errors.Duration(uplink.BatchDelay, "uplink:batchDelay", TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            BacklogMessagesPerSecond = rate,

            // The same key bounds the publisher's window and the link's; unset, the link keeps room for status,
            // replies and history beside the publisher's 8.
            MaxInFlight = uplink.MaxInFlight is >= 1 and <= 1024 ? uplink.MaxInFlight.Value : new OutboxPublisherOptions().MaxInFlight,
        };
    }

    public Hj212UplinkOptions? Hj212(Hj212Document? document, IReadOnlyDictionary<string, string> systemCodeByOutlet, TimeSpan utcOffset)
    {
        if (document is null)
        {
            _errors.Error("uplink:hj212", "is required with payload hj212 or both: at least mn and pw");
            return null;
        }

        var mn = _errors.Required(document.Mn, "uplink:hj212:mn", "the monitoring point's MN given by the authority");
        var pw = _errors.Required(document.Pw, "uplink:hj212:pw", "the access password of the platform");
        var systemCode = document.SystemCode ?? "32";
        if (!ConfigPatterns.SystemCode().IsMatch(systemCode))
        {
            _errors.Error("uplink:hj212:systemCode", $"'{systemCode}' is not a two-digit HJ 212 system code");
        }

        return mn is null || pw is null ? null : new Hj212UplinkOptions
        {
            Mn = mn,
            Pw = pw,
            SystemCode = systemCode,
            SystemCodeByOutlet = systemCodeByOutlet,
            SiteOffset = utcOffset,
            AcknowledgementRequired = document.AcknowledgementRequired ?? false,
        };
    }

    /// <summary>
    /// ST per outlet, for every HJ 212 sender (the MQTT payload and the platforms): <c>outlets[].systemCode</c>, else
    /// 31 for flue gas and 32 for wastewater. Checked once, whoever needs it.
    /// </summary>
    public IReadOnlyDictionary<string, string> OutletSystemCodes(List<OutletDocument>? outlets)
    {
        var byOutlet = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var o = 0; o < (outlets?.Count ?? 0); o++)
        {
            var outlet = outlets![o];
            var code = outlet.SystemCode ?? (outlet.Kind == "flueGas" ? "31" : outlet.Kind == "wastewater" ? "32" : null);
            if (outlet.SystemCode is not null && !ConfigPatterns.SystemCode().IsMatch(outlet.SystemCode))
            {
                _errors.Error($"outlets:{o}:systemCode", $"'{outlet.SystemCode}' is not a two-digit HJ 212 system code");
            }
            else if (outlet.Name is not null && code is not null)
            {
                byOutlet[outlet.Name] = code;
            }
        }

        return byOutlet;
    }
}
