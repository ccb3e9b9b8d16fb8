namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>What the private mosquitto of one test offers.</summary>
public sealed record MosquittoBrokerOptions
{
    /// <summary>Users written with <c>mosquitto_passwd -b</c>; when any is given, anonymous clients are refused.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>Adds a TLS listener with <c>require_certificate true</c> using this PKI.</summary>
    public TestPki? Tls { get; init; }

    /// <summary>Topics (filters) nobody may publish to, through an ACL file; MQTT 5 clients get a refusing PUBACK.</summary>
    public IReadOnlyList<string> DeniedTopics { get; init; } = [];

    /// <summary>An ACL file's text, used as it is (instead of <see cref="DeniedTopics"/>).</summary>
    public string? Acl { get; init; }

    /// <summary>Lines added to mosquitto.conf as they are (e.g. <c>max_queued_messages 0</c>).</summary>
    public IReadOnlyList<string> ExtraConfiguration { get; init; } = [];

    /// <summary>
    /// Keeps sessions and queued QoS 1 messages across a restart (saved at SIGTERM, restored at start), as a
    /// production broker does; a persistent subscriber then misses nothing published while it reconnects.
    /// </summary>
    public bool Persistence { get; init; }
}
