namespace EdgeGateway.Control.Contract;

/// <summary>
/// One HJ 212 platform as <c>egw platforms</c> and <c>egw status</c> show it (the control command <c>platforms</c>):
/// connected or why not, the last reply, what was sent and re-sent, what it still owes, the last host command. Never
/// the PW or the key.
/// </summary>
/// <param name="Name">The platform's name in gateway.json.</param>
/// <param name="Address">tcp://host:port.</param>
/// <param name="Edition">"2017" or "2025".</param>
/// <param name="Enabled">False: configured (its backlog kept) but not dialled.</param>
/// <param name="Connected">A TCP connection is open and usable.</param>
/// <param name="NotConnectedReason">Why not (refused, timed out, unanswered uploads, not started); null while connected.</param>
/// <param name="ConnectedSince">When the current connection was opened.</param>
/// <param name="LastReplyAt">When the platform last sent anything (a reply or a command).</param>
/// <param name="PacketsSent">Packets sent for the first time.</param>
/// <param name="Resends">Identical re-sends after OverTime.</param>
/// <param name="Unanswered">Exchanges given up after ReCount re-sends (the data stay owed).</param>
/// <param name="BacklogResent">Records re-sent after an outage (2025: RF=1).</param>
/// <param name="BacklogRecords">Outbox records the platform has not acknowledged.</param>
/// <param name="OldestUnsentAt">When the oldest of them was stored.</param>
/// <param name="LastHostCommand">The platform's last command, e.g. "1062 RtdInterval=60".</param>
/// <param name="LastHostCommandResult">How it ended, e.g. "QnRtn=1, ExeRtn=1".</param>
/// <param name="LastHostCommandAt">When it came.</param>
public sealed record PlatformLinkView(
    string Name,
    string Address,
    string Edition,
    bool Enabled,
    bool Connected,
    string? NotConnectedReason,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset? LastReplyAt,
    long PacketsSent,
    long Resends,
    long Unanswered,
    long BacklogResent,
    long BacklogRecords,
    DateTimeOffset? OldestUnsentAt,
    string? LastHostCommand,
    string? LastHostCommandResult,
    DateTimeOffset? LastHostCommandAt);
