using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// The outcome of decoding one frame: the packet, or the precise reason it was refused, plus what the decoder
/// learnt on the way (lengths, CRCs, the data segment) for diagnostics.
/// </summary>
public sealed class Hj212DecodeResult
{
    internal Hj212DecodeResult()
    {
    }

    /// <summary>True when the frame decoded into <see cref="Packet"/>.</summary>
    [MemberNotNullWhen(true, nameof(Packet))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsSuccess => Packet is not null;

    /// <summary>The packet, when the frame decoded.</summary>
    public Hj212Packet? Packet { get; internal init; }

    /// <summary>What went wrong; <see cref="Hj212DecodeError.None"/> on success.</summary>
    public Hj212DecodeError Error { get; internal init; }

    /// <summary>Why the frame was refused, in words, e.g. <c>CRC 1C80 expected, 1C08 found</c>.</summary>
    public string? Reason { get; internal init; }

    /// <summary>The value of the 4-digit length field, when it was readable.</summary>
    public int? DeclaredLength { get; internal init; }

    /// <summary>The bytes actually found between the length field and the CRC.</summary>
    public int? DataSegmentByteCount { get; internal init; }

    /// <summary>The data segment's text, when the frame's header and trailer were found and it is valid UTF-8.</summary>
    public string? DataSegment { get; internal init; }

    /// <summary>The CRC field exactly as sent (case preserved), when present.</summary>
    public string? CrcFound { get; internal init; }

    /// <summary>The CRC the data segment actually has, when it was computed.</summary>
    public ushort? CrcComputed { get; internal init; }

    /// <summary>Header fields the standard does not define; they were skipped, not refused.</summary>
    public IReadOnlyList<string> IgnoredFields { get; internal init; } = [];

    /// <summary>
    /// On a length or CRC failure, the packet the data segment would give if it were trusted, e.g. to echo its QN
    /// in a 9011 with QnRtn 9 (CRC error) or to show a human what arrived. Null when the segment does not parse.
    /// On success, the same as <see cref="Packet"/>.
    /// </summary>
    public Hj212Packet? UncheckedPacket { get; internal init; }
}
