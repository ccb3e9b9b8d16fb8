using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Client;

/// <summary>The typed requests of the specification, built on <see cref="IModbusExchange.Execute"/>.</summary>
public static class ModbusExchangeExtensions
{
    /// <summary>FC 03 (holding) or FC 04 (input): reads <paramref name="count"/> registers into <paramref name="destination"/>.</summary>
    public static ModbusResult ReadRegisters(this IModbusExchange exchange, byte unitId, ModbusTable table, ushort address, ushort count, Span<ushort> destination, ModbusCallOptions? call = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var function = table switch
        {
            ModbusTable.HoldingRegister => ModbusFunctionCode.ReadHoldingRegisters,
            ModbusTable.InputRegister => ModbusFunctionCode.ReadInputRegisters,
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "registers live in the holding or input table"),
        };
        Span<byte> request = stackalloc byte[5];
        ModbusPdu.WriteReadRequest(request, function, address, count);
        Span<byte> response = stackalloc byte[ModbusLimits.MaxPduLength];
        var result = exchange.Execute(unitId, request, response, out _, call);
        if (result.IsSuccess)
        {
            ModbusPdu.ReadRegisters(response, destination[..count]);
        }

        return result;
    }

    /// <summary>FC 01 (coils) or FC 02 (discrete inputs): reads <paramref name="count"/> bits into <paramref name="destination"/>.</summary>
    public static ModbusResult ReadBits(this IModbusExchange exchange, byte unitId, ModbusTable table, ushort address, ushort count, Span<bool> destination, ModbusCallOptions? call = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var function = table switch
        {
            ModbusTable.Coil => ModbusFunctionCode.ReadCoils,
            ModbusTable.DiscreteInput => ModbusFunctionCode.ReadDiscreteInputs,
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "bits live in the coil or discrete-input table"),
        };
        Span<byte> request = stackalloc byte[5];
        ModbusPdu.WriteReadRequest(request, function, address, count);
        Span<byte> response = stackalloc byte[ModbusLimits.MaxPduLength];
        var result = exchange.Execute(unitId, request, response, out _, call);
        if (result.IsSuccess)
        {
            ModbusPdu.ReadBits(response, destination[..count]);
        }

        return result;
    }

    /// <summary>FC 05.</summary>
    public static ModbusResult WriteSingleCoil(this IModbusExchange exchange, byte unitId, ushort address, bool value, ModbusCallOptions? call = null)
    {
        Span<byte> request = stackalloc byte[5];
        ModbusPdu.WriteSingleCoilRequest(request, address, value);
        return ExecuteDiscardingAnswer(exchange, unitId, request, call);
    }

    /// <summary>FC 06.</summary>
    public static ModbusResult WriteSingleRegister(this IModbusExchange exchange, byte unitId, ushort address, ushort value, ModbusCallOptions? call = null)
    {
        Span<byte> request = stackalloc byte[5];
        ModbusPdu.WriteSingleRegisterRequest(request, address, value);
        return ExecuteDiscardingAnswer(exchange, unitId, request, call);
    }

    /// <summary>FC 15.</summary>
    public static ModbusResult WriteMultipleCoils(this IModbusExchange exchange, byte unitId, ushort address, ReadOnlySpan<bool> values, ModbusCallOptions? call = null)
    {
        Span<byte> request = stackalloc byte[ModbusLimits.MaxPduLength];
        var length = ModbusPdu.WriteMultipleCoilsRequest(request, address, values);
        return ExecuteDiscardingAnswer(exchange, unitId, request[..length], call);
    }

    /// <summary>FC 16.</summary>
    public static ModbusResult WriteMultipleRegisters(this IModbusExchange exchange, byte unitId, ushort address, ReadOnlySpan<ushort> values, ModbusCallOptions? call = null)
    {
        Span<byte> request = stackalloc byte[ModbusLimits.MaxPduLength];
        var length = ModbusPdu.WriteMultipleRegistersRequest(request, address, values);
        return ExecuteDiscardingAnswer(exchange, unitId, request[..length], call);
    }

    /// <summary>FC 08: sub-function 0000 echoes <paramref name="data"/>; a line check that touches no register.</summary>
    public static ModbusResult Diagnostics(this IModbusExchange exchange, byte unitId, ushort subFunction, ushort data, ModbusCallOptions? call = null)
    {
        Span<byte> request = stackalloc byte[5];
        ModbusPdu.WriteDiagnosticsRequest(request, subFunction, data);
        return ExecuteDiscardingAnswer(exchange, unitId, request, call);
    }

    // The answer of a write or an echo only confirms the request; the check in Execute is all that matters.
    private static ModbusResult ExecuteDiscardingAnswer(IModbusExchange exchange, byte unitId, ReadOnlySpan<byte> request, ModbusCallOptions? call)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        Span<byte> response = stackalloc byte[ModbusLimits.MaxPduLength];
        return exchange.Execute(unitId, request, response, out _, call);
    }
}
