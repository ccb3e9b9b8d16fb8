namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>uplink</c> section: the MQTT broker of the platform and what is sent to it.</summary>
internal sealed class UplinkDocument
{
    /// <summary><c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>.</summary>
    public string? Broker { get; set; }

    /// <summary><c>5</c> or <c>3.1.1</c>.</summary>
    public string? Protocol { get; set; }

    public string? ClientId { get; set; }

    public string? CaFile { get; set; }

    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    public string? ServerName { get; set; }

    public string? Username { get; set; }

    /// <summary>Inline password; prefer <see cref="PasswordFile"/>.</summary>
    public string? Password { get; set; }

    /// <summary>A file with the password, or the name of a systemd credential.</summary>
    public string? PasswordFile { get; set; }

    public string? KeepAlive { get; set; }

    public string? SessionExpiry { get; set; }

    public string? TopicRoot { get; set; }

    /// <summary>Where command replies may go (default <c>{topicRoot}/reply</c>).</summary>
    public string? ReplyTopicRoot { get; set; }

    /// <summary><c>json</c>, <c>hj212</c> or <c>both</c>.</summary>
    public string? Payload { get; set; }

    public int? BatchSize { get; set; }

    public string? BatchDelay { get; set; }

    public double? BacklogMessagesPerSecond { get; set; }

    /// <summary><c>batch</c> (several aggregate records per message) or <c>single</c> (one, the form before batches).</summary>
    public string? AggregateMessages { get; set; }

    public int? MaxInFlight { get; set; }

    public Hj212Document? Hj212 { get; set; }

    public CommandsDocument? Commands { get; set; }
}
