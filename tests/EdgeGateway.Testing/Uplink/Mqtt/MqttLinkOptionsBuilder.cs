using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Testing.Uplink.Mqtt;

/// <summary>
/// Builds <see cref="MqttLinkOptions"/> fluently, in the style of MQTTnet's <c>MqttClientOptionsBuilder</c>;
/// <see cref="Build"/> validates and throws one exception listing every problem.
/// </summary>
public sealed class MqttLinkOptionsBuilder
{
    private MqttLinkOptions _options;

    /// <summary>Starts from the defaults, for the gateway <paramref name="gatewayId"/>.</summary>
    public MqttLinkOptionsBuilder(string gatewayId) => _options = new MqttLinkOptions { GatewayId = gatewayId };

    /// <summary>Starts from existing options, e.g. ones bound from configuration.</summary>
    public MqttLinkOptionsBuilder(MqttLinkOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The broker as <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>.</summary>
    public MqttLinkOptionsBuilder WithBrokerUrl(string url)
    {
        _options = _options with { BrokerUrl = url, Host = null, Port = null, UseTls = false };
        return this;
    }

    /// <summary>The broker by host and port (null: 1883, or 8883 with TLS).</summary>
    public MqttLinkOptionsBuilder WithBroker(string host, int? port = null)
    {
        _options = _options with { BrokerUrl = null, Host = host, Port = port };
        return this;
    }

    public MqttLinkOptionsBuilder WithClientId(string clientId)
    {
        _options = _options with { ClientId = clientId };
        return this;
    }

    public MqttLinkOptionsBuilder WithProtocol(MqttProtocolLevel protocol)
    {
        _options = _options with { Protocol = protocol };
        return this;
    }

    /// <summary>TLS 1.2+ against <paramref name="caFile"/> (PEM; null: the system's CAs), checking <paramref name="serverName"/> when given.</summary>
    public MqttLinkOptionsBuilder WithTls(string? caFile = null, string? serverName = null)
    {
        _options = _options with { UseTls = _options.BrokerUrl is null || _options.UseTls, CaFile = caFile, ServerName = serverName };
        return this;
    }

    /// <summary>Mutual TLS: this gateway's certificate and private key, both PEM files.</summary>
    public MqttLinkOptionsBuilder WithClientCertificate(string certificateFile, string keyFile)
    {
        _options = _options with { ClientCertificateFile = certificateFile, ClientKeyFile = keyFile };
        return this;
    }

    public MqttLinkOptionsBuilder WithCredentials(string username, string? password)
    {
        _options = _options with { Username = username, Password = password, PasswordFile = null };
        return this;
    }

    /// <summary>User name plus a password read from a file at each connect (relative: in <c>$CREDENTIALS_DIRECTORY</c>).</summary>
    public MqttLinkOptionsBuilder WithPasswordFile(string username, string passwordFile)
    {
        _options = _options with { Username = username, Password = null, PasswordFile = passwordFile };
        return this;
    }

    public MqttLinkOptionsBuilder WithKeepAlive(TimeSpan keepAlive)
    {
        _options = _options with { KeepAlive = keepAlive };
        return this;
    }

    /// <summary>MQTT 5: how long the broker keeps the session after the link drops.</summary>
    public MqttLinkOptionsBuilder WithSessionExpiry(TimeSpan sessionExpiry)
    {
        _options = _options with { SessionExpiry = sessionExpiry };
        return this;
    }

    public MqttLinkOptionsBuilder WithConnectTimeout(TimeSpan timeout)
    {
        _options = _options with { ConnectTimeout = timeout };
        return this;
    }

    /// <summary>Exponential back-off between connect attempts: <paramref name="initial"/> doubling up to <paramref name="max"/>, varied by ±<paramref name="jitter"/>.</summary>
    public MqttLinkOptionsBuilder WithReconnectBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.2)
    {
        _options = _options with { ReconnectInitialDelay = initial, ReconnectMaxDelay = max, ReconnectJitter = jitter };
        return this;
    }

    public MqttLinkOptionsBuilder WithMaxInFlight(int maxInFlight)
    {
        _options = _options with { MaxInFlight = maxInFlight };
        return this;
    }

    public MqttLinkOptionsBuilder WithPublishTimeout(TimeSpan timeout)
    {
        _options = _options with { PublishTimeout = timeout };
        return this;
    }

    /// <summary>The root of every topic; <c>{gatewayId}</c> is replaced.</summary>
    public MqttLinkOptionsBuilder WithTopicRoot(string topicRoot)
    {
        _options = _options with { TopicRoot = topicRoot };
        return this;
    }

    /// <summary>The retained status topic (birth and last will) and, optionally, the last-will payload.</summary>
    public MqttLinkOptionsBuilder WithStatus(string? statusTopic, string? offlinePayload = null)
    {
        _options = _options with { StatusTopic = statusTopic, OfflinePayload = offlinePayload };
        return this;
    }

    /// <summary>What the birth message announces: software version and start time.</summary>
    public MqttLinkOptionsBuilder WithBirth(string softwareVersion, DateTimeOffset? startedAt = null)
    {
        _options = _options with { SoftwareVersion = softwareVersion, StartedAt = startedAt };
        return this;
    }

    /// <summary>The options, validated.</summary>
    /// <exception cref="InvalidMqttLinkOptionsException">Listing every problem.</exception>
    public MqttLinkOptions Build()
    {
        MqttLinkOptionsValidator.ThrowIfInvalid(_options);
        return _options;
    }
}
