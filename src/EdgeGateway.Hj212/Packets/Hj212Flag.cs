using System.Globalization;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// The Flag field: bits <c>V5 V4 V3 V2 V1 V0 D A</c> (HJ 212-2017 Table 3). A (bit 0) asks for an
/// acknowledgement, D (bit 1) marks a split packet that carries PNUM and PNO, V5..V0 give the edition.
/// </summary>
/// <param name="Value">The byte as written in decimal on the wire.</param>
public readonly record struct Hj212Flag(byte Value)
{
    private const byte AcknowledgementBit = 0b01;
    private const byte SplitBit = 0b10;
    private const int VersionShift = 2;
    private const int MaxVersionBits = 0b11_1111;

    /// <summary>A = 1: the receiver must answer (9014 for uploads, 9011/9012 for requests).</summary>
    public bool AcknowledgementRequired => (Value & AcknowledgementBit) != 0;

    /// <summary>D = 1: the packet is one part of a split message and carries PNUM and PNO.</summary>
    public bool IsSplit => (Value & SplitBit) != 0;

    /// <summary>V5..V0 as a number: 0 for 2005, 1 for 2017, 2 for 2025.</summary>
    public int VersionBits => Value >> VersionShift;

    /// <summary>The edition the version bits name; a value outside the enum for bits no edition uses yet.</summary>
    public Hj212Edition Edition => (Hj212Edition)VersionBits;

    /// <summary>Builds a Flag, e.g. 2017 with acknowledgement gives 5, 2017 split without acknowledgement gives 6.</summary>
    public static Hj212Flag Create(Hj212Edition edition, bool acknowledgementRequired = false, bool split = false)
    {
        var versionBits = (int)edition;
        if (versionBits is < 0 or > MaxVersionBits)
        {
            throw new ArgumentOutOfRangeException(nameof(edition), edition, "version bits must be 0..63");
        }

        var value = (versionBits << VersionShift)
            | (split ? SplitBit : 0)
            | (acknowledgementRequired ? AcknowledgementBit : 0);
        return new Hj212Flag((byte)value);
    }

    /// <summary>The same Flag with D set or cleared.</summary>
    public Hj212Flag WithSplit(bool split) =>
        new((byte)(split ? Value | SplitBit : Value & ~SplitBit));

    /// <summary>The same Flag with A set or cleared.</summary>
    public Hj212Flag WithAcknowledgementRequired(bool acknowledgementRequired) =>
        new((byte)(acknowledgementRequired ? Value | AcknowledgementBit : Value & ~AcknowledgementBit));

    /// <summary>The decimal value as written on the wire, e.g. <c>5</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
