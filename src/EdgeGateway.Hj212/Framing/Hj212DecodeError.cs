namespace EdgeGateway.Hj212.Framing;

/// <summary>Why a frame was not decoded; lets a receiver choose its answer (e.g. QnRtn 9 for a CRC error).</summary>
public enum Hj212DecodeError
{
    /// <summary>The frame decoded.</summary>
    None,

    /// <summary>The frame does not start with <c>##</c>.</summary>
    MissingHeader,

    /// <summary>The frame does not end with CR LF.</summary>
    MissingTrailer,

    /// <summary>The frame is shorter than header, length, CRC and trailer together.</summary>
    TooShort,

    /// <summary>The 4 characters after <c>##</c> are not decimal digits.</summary>
    BadLengthField,

    /// <summary>The length field is over the receiver's configured maximum.</summary>
    TooLong,

    /// <summary>The length field disagrees with the number of bytes between it and the CRC.</summary>
    LengthMismatch,

    /// <summary>The 4 characters before CR LF are not hex digits.</summary>
    BadCrcField,

    /// <summary>The CRC does not match the data segment.</summary>
    CrcMismatch,

    /// <summary>The data segment is not valid UTF-8.</summary>
    BadEncoding,

    /// <summary>A required field (ST, CN, PW, MN, CP, or PNUM/PNO of a split packet) is absent.</summary>
    MissingField,

    /// <summary>A field appears more than once.</summary>
    DuplicateField,

    /// <summary>A field's value is malformed (e.g. Flag over 255, PNO over PNUM, a field without <c>=</c>).</summary>
    BadField,

    /// <summary>The CP data area is malformed (not wrapped in <c>&amp;&amp;</c>, an item without <c>=</c> …).</summary>
    BadDataArea,

    /// <summary>
    /// An HJ 212-2025 encrypted CP cannot be turned back into plain text (malformed <c>{0x..}</c> or hex text, not
    /// whole 16-byte blocks, a length field that fits neither form); see <see cref="Crypto.Hj212CpCipher"/>.
    /// </summary>
    BadCipherText,
}
