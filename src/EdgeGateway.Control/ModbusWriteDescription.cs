using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace EdgeGateway.Control;

/// <summary>
/// What a request PDU changes on a slave, in the audit trail's words: <see cref="What"/> (<c>holding 40</c>,
/// <c>coil 3-5</c>) and <see cref="Values"/> (<c>1234</c>, <c>on</c>, <c>1 0 1</c>).
/// </summary>
/// <remarks>
/// Anything that is not known to be a read counts as a change: the writes of the specification (05, 06, 15, 16, 22,
/// 23), diagnostics other than the echo (sub-function 01 restarts a slave's communications, 04 silences it), and any
/// function this gateway does not know, which is described by its raw PDU. A technician's change to a device must
/// never be missing from the trail because its function code was unusual.
/// </remarks>
internal readonly record struct ModbusWriteDescription(string What, string Values)
{
    // Functions that only read: 01-04, 07 (exception status), 11/12 (event counter/log), 17 (server id), 20 (file
    // record), 24 (FIFO queue), 43 (device identification).
    private static ReadOnlySpan<byte> ReadFunctions => [0x01, 0x02, 0x03, 0x04, 0x07, 0x0B, 0x0C, 0x11, 0x14, 0x18, 0x2B];

    /// <summary>False for a read (nothing to audit); otherwise what the request changes.</summary>
    public static bool TryDescribe(ReadOnlySpan<byte> pdu, out ModbusWriteDescription description)
    {
        description = default;
        if (pdu.IsEmpty || ReadFunctions.Contains(pdu[0]) || (pdu[0] == 0x08 && pdu.Length >= 3 && BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]) == 0))
        {
            return false;
        }

        description = pdu[0] switch
        {
            0x05 when pdu.Length == 5 => new($"coil {Word(pdu, 1)}", Word(pdu, 3) switch { 0xFF00 => "on", 0x0000 => "off", var other => $"0x{other:X4}" }),
            0x06 when pdu.Length == 5 => new($"holding {Word(pdu, 1)}", Number(Word(pdu, 3))),
            0x0F when pdu.Length >= 6 && pdu.Length == 6 + pdu[5] => new(Range("coil", Word(pdu, 1), Word(pdu, 3)), Bits(pdu[6..], Word(pdu, 3))),
            0x10 when pdu.Length >= 6 && pdu.Length == 6 + pdu[5] => new(Range("holding", Word(pdu, 1), Word(pdu, 3)), Registers(pdu[6..])),
            0x16 when pdu.Length == 7 => new($"holding {Word(pdu, 1)}", $"and 0x{Word(pdu, 3):X4} or 0x{Word(pdu, 5):X4}"),
            0x17 when pdu.Length >= 10 && pdu.Length == 10 + pdu[9] => new(Range("holding", Word(pdu, 5), Word(pdu, 7)), Registers(pdu[10..])),
            0x08 when pdu.Length >= 3 => new($"diagnostics sub-function {Word(pdu, 1)}", $"data {Convert.ToHexStringLower(pdu[3..])}"),
            _ => new($"function {pdu[0]}", $"pdu {Convert.ToHexStringLower(pdu)}"),
        };
        return true;
    }

    private static ushort Word(ReadOnlySpan<byte> pdu, int offset) => BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Range(string table, int first, int count) =>
        count <= 1 ? $"{table} {Number(first)}" : $"{table} {Number(first)}-{Number(first + count - 1)}";

    private static string Registers(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(Number(BinaryPrimitives.ReadUInt16BigEndian(data[i..])));
        }

        return text.ToString();
    }

    private static string Bits(ReadOnlySpan<byte> data, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count && i / 8 < data.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append((data[i / 8] >> (i % 8) & 1) == 1 ? '1' : '0');
        }

        return text.ToString();
    }
}
