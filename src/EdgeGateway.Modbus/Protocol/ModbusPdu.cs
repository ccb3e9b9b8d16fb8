using System.Buffers.Binary;

namespace EdgeGateway.Modbus.Protocol;

/// <summary>
/// Builds request PDUs and reads response PDUs (function code + data, no address or CRC) for the master side.
/// Pure functions over spans: no I/O, no allocation.
/// </summary>
public static class ModbusPdu
{
    /// <summary>FC 01/02/03/04: read <paramref name="count"/> bits or registers from <paramref name="address"/>.</summary>
    public static int WriteReadRequest(Span<byte> pdu, ModbusFunctionCode function, ushort address, ushort count)
    {
        var max = function switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => ModbusLimits.MaxReadBits,
            ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters => ModbusLimits.MaxReadRegisters,
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a read function"),
        };
        CheckQuantity(address, count, max);
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], count);
        return 5;
    }

    /// <summary>FC 05: a coil is written as FF00 (on) or 0000 (off).</summary>
    public static int WriteSingleCoilRequest(Span<byte> pdu, ushort address, bool value)
    {
        pdu[0] = (byte)ModbusFunctionCode.WriteSingleCoil;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], value ? (ushort)0xFF00 : (ushort)0x0000);
        return 5;
    }

    /// <summary>FC 06.</summary>
    public static int WriteSingleRegisterRequest(Span<byte> pdu, ushort address, ushort value)
    {
        pdu[0] = (byte)ModbusFunctionCode.WriteSingleRegister;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], value);
        return 5;
    }

    /// <summary>FC 15: coils packed LSB first, eight to a byte.</summary>
    public static int WriteMultipleCoilsRequest(Span<byte> pdu, ushort address, ReadOnlySpan<bool> values)
    {
        CheckQuantity(address, values.Length, ModbusLimits.MaxWriteCoils);
        var byteCount = (values.Length + 7) / 8;
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleCoils;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], (ushort)values.Length);
        pdu[5] = (byte)byteCount;
        PackBits(values, pdu.Slice(6, byteCount));
        return 6 + byteCount;
    }

    /// <summary>FC 16.</summary>
    public static int WriteMultipleRegistersRequest(Span<byte> pdu, ushort address, ReadOnlySpan<ushort> values)
    {
        CheckQuantity(address, values.Length, ModbusLimits.MaxWriteRegisters);
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], (ushort)values.Length);
        pdu[5] = (byte)(values.Length * 2);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(pdu[(6 + (2 * i))..], values[i]);
        }

        return 6 + (values.Length * 2);
    }

    /// <summary>FC 08 with a sub-function and one data word; sub-function 0000 (return query data) is an echo.</summary>
    public static int WriteDiagnosticsRequest(Span<byte> pdu, ushort subFunction, ushort data)
    {
        pdu[0] = (byte)ModbusFunctionCode.Diagnostics;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], subFunction);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], data);
        return 5;
    }

    /// <summary>
    /// Checks that <paramref name="response"/> answers <paramref name="request"/>: an exception response, or the
    /// same function with the byte count or echo the request implies.
    /// </summary>
    public static ModbusResponseCheck CheckResponse(ReadOnlySpan<byte> request, ReadOnlySpan<byte> response)
    {
        if (response.Length < 2)
        {
            return ModbusResponseCheck.Mismatch("answer is shorter than 2 bytes");
        }

        var function = request[0];
        if (response[0] == (function | 0x80))
        {
            return ModbusResponseCheck.SlaveException((ModbusExceptionCode)response[1]);
        }

        if (response[0] != function)
        {
            return ModbusResponseCheck.Mismatch($"answered function {response[0]:X2} to function {function:X2}");
        }

        switch ((ModbusFunctionCode)function)
        {
            case ModbusFunctionCode.ReadCoils:
            case ModbusFunctionCode.ReadDiscreteInputs:
            case ModbusFunctionCode.ReadHoldingRegisters:
            case ModbusFunctionCode.ReadInputRegisters:
                {
                    var count = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
                    var expected = function <= 2 ? (count + 7) / 8 : count * 2;
                    if (response[1] != expected || response.Length != 2 + expected)
                    {
                        return ModbusResponseCheck.Mismatch($"byte count {response[1]} for {count} {(function <= 2 ? "bits" : "registers")}, expected {expected}");
                    }

                    return ModbusResponseCheck.Ok;
                }

            case ModbusFunctionCode.WriteSingleCoil:
            case ModbusFunctionCode.WriteSingleRegister:
            case ModbusFunctionCode.Diagnostics:
                // These answers echo the request.
                return response.SequenceEqual(request[..5])
                    ? ModbusResponseCheck.Ok
                    : ModbusResponseCheck.Mismatch("the echo differs from the request");

            case ModbusFunctionCode.WriteMultipleCoils:
            case ModbusFunctionCode.WriteMultipleRegisters:
                // The answer repeats address and quantity.
                return response.Length == 5 && response[..5].SequenceEqual(request[..5])
                    ? ModbusResponseCheck.Ok
                    : ModbusResponseCheck.Mismatch("address or quantity in the answer differ from the request");

            default:
                return ModbusResponseCheck.Ok;
        }
    }

    /// <summary>Copies the registers of a checked FC 03/04 response into <paramref name="destination"/>.</summary>
    public static void ReadRegisters(ReadOnlySpan<byte> response, Span<ushort> destination)
    {
        var count = response[1] / 2;
        for (var i = 0; i < count; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(response[(2 + (2 * i))..]);
        }
    }

    /// <summary>Unpacks the bits of a checked FC 01/02 response into <paramref name="destination"/> (its length is the quantity).</summary>
    public static void ReadBits(ReadOnlySpan<byte> response, Span<bool> destination) => UnpackBits(response[2..], destination);

    /// <summary>Packs booleans LSB first, eight to a byte, as coils travel.</summary>
    public static void PackBits(ReadOnlySpan<bool> values, Span<byte> packed)
    {
        packed.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                packed[i / 8] |= (byte)(1 << (i % 8));
            }
        }
    }

    /// <summary>Unpacks coils LSB first; <paramref name="values"/>' length says how many.</summary>
    public static void UnpackBits(ReadOnlySpan<byte> packed, Span<bool> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (packed[i / 8] & (1 << (i % 8))) != 0;
        }
    }

    private static void CheckQuantity(ushort address, int count, int max)
    {
        if (count < 1 || count > max)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"quantity must be 1 to {max}");
        }

        if (address + count > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"address {address} + quantity {count} runs past 65535");
        }
    }
}
