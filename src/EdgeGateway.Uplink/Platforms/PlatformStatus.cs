namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// One platform link as a technician sees it (<c>egw platforms</c>, a line in <c>egw status</c>): connected or why not,
/// the last reply, re-sends and backlog, the last host command. A snapshot; never holds the PW or the key.
/// </summary>
public sealed record PlatformStatus
{
    public required string Name { get; init; }

    /// <summary>tcp://host:port.</summary>
    public required string Address { get; init; }

    /// <summary>"2017" or "2025".</summary>
    public required string Edition { get; init; }

    public bool Enabled { get; init; }

    public bool Connected { get; init; }

    /// <summary>Why it is not connected (refused, timed out, unanswered uploads …); null while connected.</summary>
    public string? NotConnectedReason { get; init; }

    public DateTimeOffset? ConnectedSince { get; init; }

    /// <summary>When the platform last sent anything (a reply or a command).</summary>
    public DateTimeOffset? LastReplyAt { get; init; }

    /// <summary>Packets sent for the first time.</summary>
    public long PacketsSent { get; init; }

    /// <summary>Identical re-sends after OverTime (the ReCount retries).</summary>
    public long Resends { get; init; }

    /// <summary>Exchanges given up after ReCount re-sends (the data stay owed: re-sent later).</summary>
    public long Unanswered { get; init; }

    /// <summary>Records re-sent after an outage (2025: with RF=1).</summary>
    public long BacklogResent { get; init; }

    /// <summary>Outbox records this platform has not acknowledged.</summary>
    public long BacklogRecords { get; init; }

    /// <summary>When the oldest of them was stored; null when none.</summary>
    public DateTimeOffset? OldestUnsentAt { get; init; }

    /// <summary>Frames from the platform that did not decode (bad CRC, bad length, malformed); each is counted and ignored.</summary>
    public long BadFrames { get; init; }

    /// <summary>The last host command, e.g. "1062 RtdInterval=60".</summary>
    public string? LastHostCommand { get; init; }

    /// <summary>How it ended, e.g. "QnRtn=1, ExeRtn=1".</summary>
    public string? LastHostCommandResult { get; init; }

    public DateTimeOffset? LastHostCommandAt { get; init; }
}
