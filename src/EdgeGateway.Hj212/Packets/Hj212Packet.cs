using System.Globalization;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// One HJ 212 packet's data segment: <c>QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;][RF=1;]CP=&amp;&amp;…&amp;&amp;</c>.
/// Fields keep the wire's names and stay strings where the standard leaves room (vendors' CNs, any ST, MNs that
/// are not 24 hex). Encoding writes them in the standard's order. Equality compares every field and the CP area.
/// </summary>
public sealed record Hj212Packet
{
    /// <summary>Request ID <c>YYYYMMDDhhmmsszzz</c>; null in legacy 2005 packets.</summary>
    public string? Qn { get; init; }

    /// <summary>System code, e.g. <c>32</c>; see <see cref="Hj212SystemCode"/>.</summary>
    public required string St { get; init; }

    /// <summary>Command code, e.g. <c>2011</c>; see <see cref="Hj212CommandCode"/>.</summary>
    public required string Cn { get; init; }

    /// <summary>Access password (6 characters in the standard, longer in some provinces).</summary>
    public required string Pw { get; init; }

    /// <summary>Device unique ID (24 hex in the standard; other shapes in the field).</summary>
    public required string Mn { get; init; }

    /// <summary>Flag; null in legacy 2005 packets.</summary>
    public Hj212Flag? Flag { get; init; }

    /// <summary>PNUM: total number of packets of a split message; only with Flag.D = 1.</summary>
    public int? Pnum { get; init; }

    /// <summary>PNO: this packet's number within a split message, from 1; only with Flag.D = 1.</summary>
    public int? Pno { get; init; }

    /// <summary>
    /// RF=1 (HJ 212-2025 Table 3): the packet re-sends data whose first upload failed (§8.1.2, §8.2.2). Written
    /// between PNO and CP only when true; "非补传时，无本字段", so a first send carries no RF at all and <c>RF=0</c> is never
    /// written. The encoder refuses it on a packet whose Flag is not of the 2025 edition. See <see cref="AsResent"/>.
    /// </summary>
    public bool Resent { get; init; }

    /// <summary>The CP data area.</summary>
    public Hj212DataArea Cp { get; init; } = Hj212DataArea.Empty;

    /// <summary>
    /// The same packet marked as a re-send (<c>RF=1</c>), everything else kept: QN, Flag, PNUM/PNO and CP, so the
    /// platform can match it to the record it already may hold. For HJ 212-2025 packets only (the encoder refuses
    /// RF on other editions); the identical re-sends of an unanswered exchange (ReCount) are not marked.
    /// </summary>
    public Hj212Packet AsResent() => Resent ? this : this with { Resent = true };

    /// <summary>The QN as a time (site-local, as sent).</summary>
    public bool TryGetQnTime(out DateTime time) => Hj212Time.TryParseQn(Qn, out time);

    /// <summary>The CN as one of the standard's codes.</summary>
    public bool TryGetCommandCode(out Hj212CommandCode command) => Hj212Codes.TryParseCommandCode(Cn, out command);

    /// <summary>True when CN is <paramref name="command"/>; compares without allocating.</summary>
    public bool IsCommand(Hj212CommandCode command) =>
        int.TryParse(Cn, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value == (int)command;

    /// <summary>The data segment as it would be encoded (no header, length, CRC or trailer).</summary>
    public string ToDataSegment() => Hj212FrameEncoder.FormatDataSegment(this);

    /// <summary>The data segment; see <see cref="ToDataSegment"/>.</summary>
    public override string ToString() => ToDataSegment();
}
