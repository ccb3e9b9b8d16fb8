namespace EdgeGateway.Modbus.Values;

/// <summary>
/// Byte order of a multi-byte value, named by where the bytes of the big-endian value A B C D (…) land in
/// the registers as read from the wire. ABCD is the Modbus default (big-endian words, most significant word
/// first); CDAB swaps words; BADC swaps bytes inside each word; DCBA is fully little-endian. For 64-bit
/// values the same two swaps apply over four words.
/// </summary>
public enum ModbusByteOrder
{
    ABCD,
    BADC,
    CDAB,
    DCBA,
}
