using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// One frame the platform simulator received from a data logger, as it arrived and as it was understood: the raw
/// text, the decoded packet (null when the frame was refused), and every way it breaks the rules.
/// </summary>
public sealed record Hj212ReceivedPacket
{
    /// <summary>Order of arrival over all connections, from 1.</summary>
    public required long Sequence { get; init; }

    /// <summary>The connection it came on (see <see cref="Hj212PlatformConnectionInfo.Id"/>).</summary>
    public required long ConnectionId { get; init; }

    /// <summary>When the frame's last byte was read.</summary>
    public required DateTimeOffset ArrivedAt { get; init; }

    /// <summary>The frame from <c>##</c> to CR LF as received (before any decryption); invalid UTF-8 shows as U+FFFD.</summary>
    public required string Raw { get; init; }

    /// <summary>The packet, when the frame decoded (length, CRC and fields correct).</summary>
    public Hj212Packet? Packet { get; init; }

    /// <summary>
    /// The packet the data segment gives when the frame was refused for its length or CRC (for display and for
    /// echoing a QN); the same as <see cref="Packet"/> otherwise.
    /// </summary>
    public Hj212Packet? UncheckedPacket { get; init; }

    /// <summary>Why the frame was refused; <see cref="Hj212DecodeError.None"/> when it decoded.</summary>
    public Hj212DecodeError DecodeError { get; init; }

    /// <summary>The header fields in the order they were sent, e.g. <c>QN, ST, CN, PW, MN, Flag, RF</c>.</summary>
    public IReadOnlyList<string> HeaderOrder { get; init; } = [];

    /// <summary>The value of the <c>RF</c> header field (HJ 212-2025 re-send mark), when the packet has one.</summary>
    public string? Rf { get; init; }

    /// <summary>True when an identical packet (same QN, same data segment) arrived before: a re-send after a missing reply.</summary>
    public bool IsRepeat { get; init; }

    /// <summary>Every rule the frame breaks, one sentence each; empty when it keeps them all.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when the frame decoded and breaks no rule.</summary>
    public bool IsValid => Packet is not null && Problems.Count == 0;

    /// <summary>CN of the packet (or of the refused frame's unchecked packet); null when not even that parsed.</summary>
    public string? Cn => (Packet ?? UncheckedPacket)?.Cn;

    /// <summary>QN of the packet (or of the refused frame's unchecked packet).</summary>
    public string? Qn => (Packet ?? UncheckedPacket)?.Qn;

    /// <summary>MN of the packet (or of the refused frame's unchecked packet).</summary>
    public string? Mn => (Packet ?? UncheckedPacket)?.Mn;
}
