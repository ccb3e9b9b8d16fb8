using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Slave;

/// <summary>The data a slave serves. Implementations decide which addresses exist.</summary>
public interface IModbusSlaveDevice
{
    /// <summary>Reads registers; false when any address in the range does not exist.</summary>
    bool TryReadRegisters(ModbusTable table, ushort address, Span<ushort> destination);

    /// <summary>Reads bits; false when any address in the range does not exist.</summary>
    bool TryReadBits(ModbusTable table, ushort address, Span<bool> destination);

    /// <summary>Writes holding registers; false when any address does not exist or is read-only.</summary>
    bool TryWriteRegisters(ushort address, ReadOnlySpan<ushort> values);

    /// <summary>Writes coils; false when any address does not exist.</summary>
    bool TryWriteCoils(ushort address, ReadOnlySpan<bool> values);
}
