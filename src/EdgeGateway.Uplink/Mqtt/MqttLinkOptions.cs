namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Everything the MQTT link needs to reach the platform's broker. Check an instance with
/// <see cref="MqttLinkOptionsValidator"/> before handing it to <see cref="MqttLink"/>; every problem names the property,
/// so the service can map it to its config key.
/// </summary>
public sealed record MqttLinkOptions
{
    /// <summary>Default port of plain MQTT.</summary>
    public const int DefaultPort = 1883;

    /// <summary>Default port of MQTT over TLS.</summary>
    public const int DefaultTlsPort = 8883;

    /// <summary>The placeholder in <see cref="TopicRoot"/> replaced by <see cref="GatewayId"/>.</summary>
    public const string GatewayIdPlaceholder = "{gatewayId}";

    /// <summary>Identifies this gateway in topics and status messages; no '/', '+', '#'.</summary>
    public string GatewayId { get; init; } = string.Empty;

    /// <summary>
    /// The broker as <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c> (TLS). An alternative to
    /// <see cref="Host"/>, <see cref="Port"/> and <see cref="UseTls"/>; set one or the other.
    /// </summary>
    public string? BrokerUrl { get; init; }

    /// <summary>The broker's host name or address (when <see cref="BrokerUrl"/> is not used).</summary>
    public string? Host { get; init; }

    /// <summary>The broker's port; null means 1883, or 8883 with TLS.</summary>
    public int? Port { get; init; }

    /// <summary>Connects over TLS 1.2 or 1.3 (also implied by an <c>mqtts://</c> URL).</summary>
    public bool UseTls { get; init; }

    /// <summary>The MQTT client id; null means <c>egw-{GatewayId}</c>. Two clients with one id throw each other off.</summary>
    public string? ClientId { get; init; }

    /// <summary>MQTT 5 unless the broker only speaks 3.1.1.</summary>
    public MqttProtocolLevel Protocol { get; init; } = MqttProtocolLevel.Mqtt5;

    /// <summary>PEM file of the CA(s) that signed the broker's certificate; null trusts the system's CA store.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM file of this gateway's certificate, for mutual TLS (with <see cref="ClientKeyFile"/>).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM file of the private key of <see cref="ClientCertificateFile"/> (unencrypted PKCS#8, PKCS#1 or SEC1).</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>The name the broker's certificate must carry, when it differs from the host connected to.</summary>
    public string? ServerName { get; init; }

    /// <summary>
    /// Checks the broker certificate's revocation online. Off by default: private CAs rarely publish revocation
    /// lists, and a cabinet behind a 4G link must not go dark because a CRL server is unreachable.
    /// </summary>
    public bool CheckCertificateRevocation { get; init; }

    /// <summary>The MQTT user name, if the broker wants one.</summary>
    public string? Username { get; init; }

    /// <summary>The password, inline. Prefer <see cref="PasswordFile"/> so it stays out of config files.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// A file holding the password (one trailing line break is ignored), re-read at every connect so a rotated
    /// password is picked up. A relative path is looked up in <c>$CREDENTIALS_DIRECTORY</c> when systemd set it
    /// (<c>LoadCredential=mqtt-password:/etc/egw/mqtt-password</c> then <c>PasswordFile = "mqtt-password"</c>).
    /// </summary>
    public string? PasswordFile { get; init; }

    /// <summary>The keep-alive interval: a dead link is noticed within about 1.5 times this.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// MQTT 5 only: how long the broker keeps the session (subscriptions and queued QoS 1 commands) after the link
    /// drops. Zero ends the session with the connection; above zero the link reconnects with clean start off, so
    /// commands sent during an outage arrive after it.
    /// </summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.Zero;

    /// <summary>How long one connect attempt (TCP, TLS, CONNECT/CONNACK) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The first wait after a failed attempt; it doubles on each further failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Each wait is varied at random by up to this fraction (0 to 1) either way, so hundreds of cabinets behind one
    /// failed cell do not reconnect in lockstep.
    /// </summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>
    /// QoS 1 publishes awaiting their PUBACK at once. MQTTnet has no limit of its own; the broker's Receive Maximum
    /// (MQTT 5 CONNACK) lowers it further when smaller.
    /// </summary>
    public int MaxInFlight { get; init; } = 32;

    /// <summary>How long one publish may wait for room in the window plus its PUBACK before it is reported as timed out.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The root of every topic; <c>{gatewayId}</c> is replaced. Null means <c>egw/{gatewayId}</c>.</summary>
    public string? TopicRoot { get; init; }

    /// <summary>
    /// The topic below which command replies are published: an MQTT 5 response topic elsewhere is refused, and the
    /// 3.1.1 convention answers <c>{TopicRoot}/cmd/X</c> on <c>{ReplyTopicRoot}/X</c>. <c>{gatewayId}</c> is replaced.
    /// Null means <c>{TopicRoot}/reply</c>.
    /// </summary>
    public string? ReplyTopicRoot { get; init; }

    /// <summary>
    /// Where the retained birth ("online") and last-will ("offline") status messages go; null means
    /// <c>{TopicRoot}/status</c>.
    /// </summary>
    public string? StatusTopic { get; init; }

    /// <summary>The last-will payload; null means <c>{"gatewayId":…,"status":"offline"}</c>.</summary>
    public string? OfflinePayload { get; init; }

    /// <summary>The software version announced in the birth message.</summary>
    public string SoftwareVersion { get; init; } = "unknown";

    /// <summary>When the gateway started, announced in the birth message; null means when the link was created.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The topic root with the gateway id filled in.</summary>
    public string EffectiveTopicRoot => (TopicRoot ?? "egw/" + GatewayIdPlaceholder).Replace(GatewayIdPlaceholder, GatewayId, StringComparison.Ordinal);

    /// <summary>The reply topic root in use.</summary>
    public string EffectiveReplyTopicRoot => ReplyTopicRoot?.Replace(GatewayIdPlaceholder, GatewayId, StringComparison.Ordinal) ?? EffectiveTopicRoot + "/reply";

    /// <summary>The status topic in use.</summary>
    public string EffectiveStatusTopic => StatusTopic ?? EffectiveTopicRoot + "/status";

    /// <summary>The client id in use.</summary>
    public string EffectiveClientId => ClientId ?? "egw-" + GatewayId;
}
