using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeGateway.Hj212.Framing;

/// <summary>
/// The CRC of HJ 212-2017 Appendix A. It is NOT CRC-16/MODBUS: the register is shifted right by 8 before each
/// byte is XORed in, so the low byte is dropped at every step. It runs over the UTF-8 bytes of the data segment
/// only and is written as 4 hex digits, high byte first.
/// </summary>
/// <remarks>
/// Because only the high byte survives each step, the state between bytes is 8 bits and each step is one lookup.
/// The lookup is a permutation of 0..255, so the state after a changed byte always differs and every single-byte
/// substitution changes the CRC; it also means only 256 distinct CRC values exist.
/// </remarks>
public static class Hj212Crc
{
    private const uint Polynomial = 0xA001;

    /// <summary>Computes the CRC of a data segment's bytes.</summary>
    public static ushort Compute(ReadOnlySpan<byte> dataSegment)
    {
        if (dataSegment.IsEmpty)
        {
            return 0xFFFF;
        }

        // Only the register's high byte carries from one byte to the next, so the loop keeps just that byte and
        // the full 16-bit value is worked out once, for the last byte. One load per byte on the dependency chain.
        ref var highBytes = ref MemoryMarshal.GetReference(HighByteAfterEightRounds);
        var state = 0xFFu; // high byte of the initial 0xFFFF
        foreach (var b in dataSegment[..^1])
        {
            // Both operands are bytes, so the index stays within the 256-entry table.
            state = Unsafe.Add(ref highBytes, (nint)(state ^ b));
        }

        return EightRounds((state ^ dataSegment[^1]) & 0xFF);
    }

    /// <summary>Computes the CRC over the UTF-8 encoding of <paramref name="dataSegment"/> (never UTF-16 code units).</summary>
    public static ushort Compute(string dataSegment)
    {
        ArgumentNullException.ThrowIfNull(dataSegment);
        var byteCount = Encoding.UTF8.GetByteCount(dataSegment);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(dataSegment, rented);
            return Compute(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The CRC as written on the wire: 4 uppercase hex digits, e.g. <c>1C80</c>.</summary>
    public static string Format(ushort crc) => crc.ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>Writes the 4 uppercase hex digits as ASCII bytes.</summary>
    public static void Format(ushort crc, Span<byte> destination)
    {
        if (destination.Length < 4)
        {
            throw new ArgumentException("a CRC needs 4 bytes", nameof(destination));
        }

        destination[0] = HexDigit(crc >> 12);
        destination[1] = HexDigit((crc >> 8) & 0xF);
        destination[2] = HexDigit((crc >> 4) & 0xF);
        destination[3] = HexDigit(crc & 0xF);
    }

    /// <summary>Parses 4 hex digits in either case (real senders write lowercase).</summary>
    public static bool TryParse(ReadOnlySpan<byte> hexDigits, out ushort crc)
    {
        crc = 0;
        if (hexDigits.Length != 4)
        {
            return false;
        }

        var value = 0;
        foreach (var digit in hexDigits)
        {
            var nibble = HexValue(digit);
            if (nibble < 0)
            {
                return false;
            }

            value = (value << 4) | nibble;
        }

        crc = (ushort)value;
        return true;
    }

    /// <summary>Parses 4 hex digits in either case.</summary>
    public static bool TryParse(ReadOnlySpan<char> hexDigits, out ushort crc)
    {
        crc = 0;
        if (hexDigits.Length != 4)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (hexDigits[i] > 0x7F)
            {
                return false;
            }

            ascii[i] = (byte)hexDigits[i];
        }

        return TryParse(ascii, out crc);
    }

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => -1,
    };

    /// <summary>The register after 8 rounds of "shift right, XOR 0xA001 when a 1 was shifted out" from <paramref name="value"/>.</summary>
    private static ushort EightRounds(uint value)
    {
        for (var round = 0; round < 8; round++)
        {
            value = (value & 1) != 0 ? (value >> 1) ^ Polynomial : value >> 1;
        }

        return (ushort)value;
    }

    // High byte of EightRounds(x) for x = 0..255. Constant data in the assembly image: nothing is computed or
    // mutated at run time. Its 256 values are a permutation, which is why no single-byte change goes unnoticed.
    private static ReadOnlySpan<byte> HighByteAfterEightRounds =>
    [
        0x00, 0xC0, 0xC1, 0x01, 0xC3, 0x03, 0x02, 0xC2, 0xC6, 0x06, 0x07, 0xC7, 0x05, 0xC5, 0xC4, 0x04,
        0xCC, 0x0C, 0x0D, 0xCD, 0x0F, 0xCF, 0xCE, 0x0E, 0x0A, 0xCA, 0xCB, 0x0B, 0xC9, 0x09, 0x08, 0xC8,
        0xD8, 0x18, 0x19, 0xD9, 0x1B, 0xDB, 0xDA, 0x1A, 0x1E, 0xDE, 0xDF, 0x1F, 0xDD, 0x1D, 0x1C, 0xDC,
        0x14, 0xD4, 0xD5, 0x15, 0xD7, 0x17, 0x16, 0xD6, 0xD2, 0x12, 0x13, 0xD3, 0x11, 0xD1, 0xD0, 0x10,
        0xF0, 0x30, 0x31, 0xF1, 0x33, 0xF3, 0xF2, 0x32, 0x36, 0xF6, 0xF7, 0x37, 0xF5, 0x35, 0x34, 0xF4,
        0x3C, 0xFC, 0xFD, 0x3D, 0xFF, 0x3F, 0x3E, 0xFE, 0xFA, 0x3A, 0x3B, 0xFB, 0x39, 0xF9, 0xF8, 0x38,
        0x28, 0xE8, 0xE9, 0x29, 0xEB, 0x2B, 0x2A, 0xEA, 0xEE, 0x2E, 0x2F, 0xEF, 0x2D, 0xED, 0xEC, 0x2C,
        0xE4, 0x24, 0x25, 0xE5, 0x27, 0xE7, 0xE6, 0x26, 0x22, 0xE2, 0xE3, 0x23, 0xE1, 0x21, 0x20, 0xE0,
        0xA0, 0x60, 0x61, 0xA1, 0x63, 0xA3, 0xA2, 0x62, 0x66, 0xA6, 0xA7, 0x67, 0xA5, 0x65, 0x64, 0xA4,
        0x6C, 0xAC, 0xAD, 0x6D, 0xAF, 0x6F, 0x6E, 0xAE, 0xAA, 0x6A, 0x6B, 0xAB, 0x69, 0xA9, 0xA8, 0x68,
        0x78, 0xB8, 0xB9, 0x79, 0xBB, 0x7B, 0x7A, 0xBA, 0xBE, 0x7E, 0x7F, 0xBF, 0x7D, 0xBD, 0xBC, 0x7C,
        0xB4, 0x74, 0x75, 0xB5, 0x77, 0xB7, 0xB6, 0x76, 0x72, 0xB2, 0xB3, 0x73, 0xB1, 0x71, 0x70, 0xB0,
        0x50, 0x90, 0x91, 0x51, 0x93, 0x53, 0x52, 0x92, 0x96, 0x56, 0x57, 0x97, 0x55, 0x95, 0x94, 0x54,
        0x9C, 0x5C, 0x5D, 0x9D, 0x5F, 0x9F, 0x9E, 0x5E, 0x5A, 0x9A, 0x9B, 0x5B, 0x99, 0x59, 0x58, 0x98,
        0x88, 0x48, 0x49, 0x89, 0x4B, 0x8B, 0x8A, 0x4A, 0x4E, 0x8E, 0x8F, 0x4F, 0x8D, 0x4D, 0x4C, 0x8C,
        0x44, 0x84, 0x85, 0x45, 0x87, 0x47, 0x46, 0x86, 0x82, 0x42, 0x43, 0x83, 0x41, 0x81, 0x80, 0x40,
    ];
}
