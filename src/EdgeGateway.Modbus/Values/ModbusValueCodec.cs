using System.Globalization;

namespace EdgeGateway.Modbus.Values;

/// <summary>
/// Turns registers into typed values and back, for every <see cref="ModbusDataType"/> and <see cref="ModbusByteOrder"/>.
/// </summary>
/// <remarks>
/// Values are first assembled into their big-endian bit pattern (A B C D …) as an unsigned 64-bit integer,
/// then interpreted. Keeping the bit pattern lets 64-bit integers print exactly, which a double cannot.
/// </remarks>
public static class ModbusValueCodec
{
    /// <summary>How many 16-bit registers a value of this type occupies (1 for coils and bits).</summary>
    public static int RegisterCount(ModbusDataType type) => type switch
    {
        ModbusDataType.Bool or ModbusDataType.Bit or ModbusDataType.U16 or ModbusDataType.I16 => 1,
        ModbusDataType.U32 or ModbusDataType.I32 or ModbusDataType.F32 => 2,
        ModbusDataType.U64 or ModbusDataType.I64 or ModbusDataType.F64 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown Modbus data type"),
    };

    /// <summary>
    /// Assembles <paramref name="registers"/> (as read from the wire, first register first) into the value's
    /// big-endian bit pattern, undoing the word and byte swaps that <paramref name="order"/> names.
    /// </summary>
    public static ulong Assemble(ReadOnlySpan<ushort> registers, ModbusByteOrder order)
    {
        if (registers.Length is < 1 or > 4)
        {
            throw new ArgumentException("a value spans 1 to 4 registers", nameof(registers));
        }

        var swapWords = order is ModbusByteOrder.CDAB or ModbusByteOrder.DCBA;
        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        ulong bits = 0;
        for (var i = 0; i < registers.Length; i++)
        {
            var word = registers[swapWords ? registers.Length - 1 - i : i];
            if (swapBytes)
            {
                word = (ushort)((word >> 8) | (word << 8));
            }

            bits = (bits << 16) | word;
        }

        return bits;
    }

    /// <summary>The inverse of <see cref="Assemble"/>: spreads a big-endian bit pattern over registers.</summary>
    public static void Disassemble(ulong bits, ModbusByteOrder order, Span<ushort> registers)
    {
        if (registers.Length is < 1 or > 4)
        {
            throw new ArgumentException("a value spans 1 to 4 registers", nameof(registers));
        }

        var swapWords = order is ModbusByteOrder.CDAB or ModbusByteOrder.DCBA;
        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        for (var i = registers.Length - 1; i >= 0; i--)
        {
            var word = (ushort)bits;
            bits >>= 16;
            if (swapBytes)
            {
                word = (ushort)((word >> 8) | (word << 8));
            }

            registers[swapWords ? registers.Length - 1 - i : i] = word;
        }
    }

    /// <summary>Decodes a register value to a double (64-bit integers beyond 2^53 lose precision; use <see cref="Format"/> to print them).</summary>
    /// <param name="registers">Exactly <see cref="RegisterCount"/> registers.</param>
    /// <param name="type">The data type; not <see cref="ModbusDataType.Bool"/>.</param>
    /// <param name="order">Byte order; ignored for one-register types.</param>
    /// <param name="bit">For <see cref="ModbusDataType.Bit"/>: which bit of the register, 0 = least significant.</param>
    public static double Decode(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusByteOrder order, int bit = 0)
    {
        var bits = AssembleFor(registers, type, order);
        return ToDouble(bits, type, bit);
    }

    /// <summary>
    /// The double nearest the float's shortest round-trip decimal form: 123.456f becomes 123.456, not
    /// 123.45600128173828 (the float's exact binary value, which a plain widening gives and which every platform would
    /// show). The float is the same: casting the result back to float gives it again.
    /// </summary>
    public static double WidenShortest(float value)
    {
        if (!float.IsFinite(value))
        {
            return value;
        }

        Span<char> text = stackalloc char[32];
        if (!value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture)
            || !double.TryParse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture, out var widened)
            || (float)widened != value)
        {
            // Not reached for finite floats; the exact widening is still a correct value.
            return value;
        }

        return widened;
    }

    /// <summary>Interprets an assembled bit pattern as a number.</summary>
    public static double ToDouble(ulong bits, ModbusDataType type, int bit = 0) => type switch
    {
        ModbusDataType.Bool => bits != 0 ? 1 : 0,
        ModbusDataType.Bit => (bits >> bit) & 1,
        ModbusDataType.U16 => (ushort)bits,
        ModbusDataType.I16 => (short)(ushort)bits,
        ModbusDataType.U32 => (uint)bits,
        ModbusDataType.I32 => (int)(uint)bits,
        ModbusDataType.F32 => WidenShortest(BitConverter.UInt32BitsToSingle((uint)bits)),
        ModbusDataType.U64 => bits,
        ModbusDataType.I64 => (long)bits,
        ModbusDataType.F64 => BitConverter.UInt64BitsToDouble(bits),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown Modbus data type"),
    };

    /// <summary>Formats a register value exactly, in invariant culture ("R" round-trip form for floats).</summary>
    public static string Format(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusByteOrder order, int bit = 0)
    {
        var bits = AssembleFor(registers, type, order);
        return type switch
        {
            ModbusDataType.U64 => bits.ToString(CultureInfo.InvariantCulture),
            ModbusDataType.I64 => ((long)bits).ToString(CultureInfo.InvariantCulture),
            ModbusDataType.F32 => BitConverter.UInt32BitsToSingle((uint)bits).ToString("R", CultureInfo.InvariantCulture),
            _ => ToDouble(bits, type, bit).ToString("R", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Encodes a number into registers, the inverse of <see cref="Decode"/>. Integers are range-checked.</summary>
    /// <exception cref="OverflowException">The value does not fit the type.</exception>
    public static void Encode(double value, ModbusDataType type, ModbusByteOrder order, Span<ushort> registers)
    {
        ulong bits = type switch
        {
            ModbusDataType.Bool or ModbusDataType.Bit => value != 0 ? 1UL : 0UL,
            ModbusDataType.U16 => checked((ushort)CheckedIntegral(value)),
            ModbusDataType.I16 => (ushort)checked((short)CheckedIntegral(value)),
            ModbusDataType.U32 => checked((uint)CheckedIntegral(value)),
            ModbusDataType.I32 => (uint)checked((int)CheckedIntegral(value)),
            ModbusDataType.F32 => BitConverter.SingleToUInt32Bits((float)value),
            ModbusDataType.U64 => checked((ulong)CheckedIntegral(value)),
            ModbusDataType.I64 => (ulong)checked((long)CheckedIntegral(value)),
            ModbusDataType.F64 => BitConverter.DoubleToUInt64Bits(value),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown Modbus data type"),
        };
        Disassemble(bits, order, registers[..RegisterCount(type)]);
    }

    private static ulong AssembleFor(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusByteOrder order)
    {
        var count = RegisterCount(type);
        if (registers.Length < count)
        {
            throw new ArgumentException($"{type} needs {count} registers, got {registers.Length}", nameof(registers));
        }

        // One-register types have no word order; a byte swap (BADC/DCBA) still applies to them.
        return Assemble(registers[..count], order);
    }

    private static double CheckedIntegral(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Truncate(value) != value)
        {
            throw new OverflowException($"{value.ToString(CultureInfo.InvariantCulture)} is not an integer");
        }

        return value;
    }
}
