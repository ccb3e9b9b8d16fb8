using System.Buffers.Binary;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Slave;

/// <summary>Answers one request PDU from a device's data: the slave half of the protocol, with no I/O.</summary>
public static class ModbusSlaveProcessor
{
    /// <summary>Writes the answer to <paramref name="request"/> into <paramref name="response"/>; returns its length.</summary>
    public static int Process(IModbusSlaveDevice device, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.Length < 1)
        {
            return Exception(response, 0, ModbusExceptionCode.IllegalFunction);
        }

        var function = request[0];
        switch ((ModbusFunctionCode)function)
        {
            case ModbusFunctionCode.ReadCoils:
            case ModbusFunctionCode.ReadDiscreteInputs:
                return ReadBits(device, request, response, function == 1 ? ModbusTable.Coil : ModbusTable.DiscreteInput);
            case ModbusFunctionCode.ReadHoldingRegisters:
            case ModbusFunctionCode.ReadInputRegisters:
                return ReadRegisters(device, request, response, function == 3 ? ModbusTable.HoldingRegister : ModbusTable.InputRegister);
            case ModbusFunctionCode.WriteSingleCoil:
                return WriteSingleCoil(device, request, response);
            case ModbusFunctionCode.WriteSingleRegister:
                return WriteSingleRegister(device, request, response);
            case ModbusFunctionCode.Diagnostics:
                return Diagnostics(request, response);
            case ModbusFunctionCode.WriteMultipleCoils:
                return WriteMultipleCoils(device, request, response);
            case ModbusFunctionCode.WriteMultipleRegisters:
                return WriteMultipleRegisters(device, request, response);
            default:
                return Exception(response, function, ModbusExceptionCode.IllegalFunction);
        }
    }

    /// <summary>An exception answer: the function code with its high bit set, then the code.</summary>
    public static int Exception(Span<byte> response, byte function, ModbusExceptionCode code)
    {
        response[0] = (byte)(function | 0x80);
        response[1] = (byte)code;
        return 2;
    }

    private static int ReadBits(IModbusSlaveDevice device, ReadOnlySpan<byte> request, Span<byte> response, ModbusTable table)
    {
        if (request.Length != 5)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        if (count is < 1 or > ModbusLimits.MaxReadBits)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        Span<bool> bits = stackalloc bool[count];
        if (address + count > 65536 || !device.TryReadBits(table, address, bits))
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        var byteCount = (count + 7) / 8;
        response[0] = request[0];
        response[1] = (byte)byteCount;
        ModbusPdu.PackBits(bits, response.Slice(2, byteCount));
        return 2 + byteCount;
    }

    private static int ReadRegisters(IModbusSlaveDevice device, ReadOnlySpan<byte> request, Span<byte> response, ModbusTable table)
    {
        if (request.Length != 5)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        if (count is < 1 or > ModbusLimits.MaxReadRegisters)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        Span<ushort> registers = stackalloc ushort[count];
        if (address + count > 65536 || !device.TryReadRegisters(table, address, registers))
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        response[0] = request[0];
        response[1] = (byte)(count * 2);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(response[(2 + (2 * i))..], registers[i]);
        }

        return 2 + (count * 2);
    }

    private static int WriteSingleCoil(IModbusSlaveDevice device, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.Length != 5)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        if (value is not (0xFF00 or 0x0000))
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        ReadOnlySpan<bool> coil = [value == 0xFF00];
        if (!device.TryWriteCoils(BinaryPrimitives.ReadUInt16BigEndian(request[1..]), coil))
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        request.CopyTo(response);
        return 5;
    }

    private static int WriteSingleRegister(IModbusSlaveDevice device, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.Length != 5)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        ReadOnlySpan<ushort> value = [BinaryPrimitives.ReadUInt16BigEndian(request[3..])];
        if (!device.TryWriteRegisters(BinaryPrimitives.ReadUInt16BigEndian(request[1..]), value))
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        request.CopyTo(response);
        return 5;
    }

    private static int Diagnostics(ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.Length != 5)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        // Only sub-function 0000, "return query data", is served: it is the line check masters use.
        if (BinaryPrimitives.ReadUInt16BigEndian(request[1..]) != 0)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalFunction);
        }

        request.CopyTo(response);
        return 5;
    }

    private static int WriteMultipleCoils(IModbusSlaveDevice device, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.Length < 6)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        var byteCount = request[5];
        if (count is < 1 or > ModbusLimits.MaxWriteCoils || byteCount != (count + 7) / 8 || request.Length != 6 + byteCount)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        Span<bool> bits = stackalloc bool[count];
        ModbusPdu.UnpackBits(request.Slice(6, byteCount), bits);
        if (address + count > 65536 || !device.TryWriteCoils(address, bits))
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        request[..5].CopyTo(response);
        return 5;
    }

    private static int WriteMultipleRegisters(IModbusSlaveDevice device, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.Length < 6)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        var byteCount = request[5];
        if (count is < 1 or > ModbusLimits.MaxWriteRegisters || byteCount != count * 2 || request.Length != 6 + byteCount)
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataValue);
        }

        Span<ushort> values = stackalloc ushort[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt16BigEndian(request[(6 + (2 * i))..]);
        }

        if (address + count > 65536 || !device.TryWriteRegisters(address, values))
        {
            return Exception(response, request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        request[..5].CopyTo(response);
        return 5;
    }
}
