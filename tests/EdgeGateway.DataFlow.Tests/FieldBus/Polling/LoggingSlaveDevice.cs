using System.Collections.Concurrent;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>
/// A register file that notes every request it serves in a shared log (<c>input 0</c>, <c>holding 100</c>...), so a
/// test can see what reached the line, in order, between the entries others add.
/// </summary>
internal sealed class LoggingSlaveDevice(ConcurrentQueue<string> log) : IModbusSlaveDevice
{
    private readonly ModbusSlaveMemory _memory = new(registers: 200, bits: 16);

    public bool TryReadRegisters(ModbusTable table, ushort address, Span<ushort> destination)
    {
        log.Enqueue($"{(table == ModbusTable.InputRegister ? "input" : "holding")} {address}");
        return _memory.TryReadRegisters(table, address, destination);
    }

    public bool TryReadBits(ModbusTable table, ushort address, Span<bool> destination)
    {
        log.Enqueue($"{(table == ModbusTable.Coil ? "coil" : "discrete")} {address}");
        return _memory.TryReadBits(table, address, destination);
    }

    public bool TryWriteRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        log.Enqueue($"write holding {address}");
        return _memory.TryWriteRegisters(address, values);
    }

    public bool TryWriteCoils(ushort address, ReadOnlySpan<bool> values)
    {
        log.Enqueue($"write coil {address}");
        return _memory.TryWriteCoils(address, values);
    }
}
