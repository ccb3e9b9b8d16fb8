using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Slave;

/// <summary>
/// A plain register file: four tables of a given size, every address readable and writable. Thread-safe, since
/// a simulator changes signals on one thread while the bus thread serves them.
/// </summary>
public sealed class ModbusSlaveMemory : IModbusSlaveDevice
{
    private readonly Lock _gate = new();
    private readonly ushort[] _holding;
    private readonly ushort[] _input;
    private readonly bool[] _coils;
    private readonly bool[] _discrete;

    public ModbusSlaveMemory(int registers = 65536, int bits = 65536)
    {
        _holding = new ushort[registers];
        _input = new ushort[registers];
        _coils = new bool[bits];
        _discrete = new bool[bits];
    }

    /// <summary>Raised after the master wrote holding registers or coils (table, first address, count).</summary>
    public event Action<ModbusTable, ushort, int>? Written;

    public bool TryReadRegisters(ModbusTable table, ushort address, Span<ushort> destination)
    {
        var source = RegistersOf(table);
        if (address + destination.Length > source.Length)
        {
            return false;
        }

        lock (_gate)
        {
            source.AsSpan(address, destination.Length).CopyTo(destination);
        }

        return true;
    }

    public bool TryReadBits(ModbusTable table, ushort address, Span<bool> destination)
    {
        var source = BitsOf(table);
        if (address + destination.Length > source.Length)
        {
            return false;
        }

        lock (_gate)
        {
            source.AsSpan(address, destination.Length).CopyTo(destination);
        }

        return true;
    }

    public bool TryWriteRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        if (address + values.Length > _holding.Length)
        {
            return false;
        }

        lock (_gate)
        {
            values.CopyTo(_holding.AsSpan(address));
        }

        Written?.Invoke(ModbusTable.HoldingRegister, address, values.Length);
        return true;
    }

    public bool TryWriteCoils(ushort address, ReadOnlySpan<bool> values)
    {
        if (address + values.Length > _coils.Length)
        {
            return false;
        }

        lock (_gate)
        {
            values.CopyTo(_coils.AsSpan(address));
        }

        Written?.Invoke(ModbusTable.Coil, address, values.Length);
        return true;
    }

    /// <summary>Sets registers of any table directly (the device's own side, not the master's).</summary>
    public void SetRegisters(ModbusTable table, ushort address, ReadOnlySpan<ushort> values)
    {
        lock (_gate)
        {
            values.CopyTo(RegistersOf(table).AsSpan(address));
        }
    }

    /// <summary>Sets bits of any table directly.</summary>
    public void SetBits(ModbusTable table, ushort address, ReadOnlySpan<bool> values)
    {
        lock (_gate)
        {
            values.CopyTo(BitsOf(table).AsSpan(address));
        }
    }

    public ushort GetRegister(ModbusTable table, ushort address)
    {
        lock (_gate)
        {
            return RegistersOf(table)[address];
        }
    }

    public bool GetBit(ModbusTable table, ushort address)
    {
        lock (_gate)
        {
            return BitsOf(table)[address];
        }
    }

    private ushort[] RegistersOf(ModbusTable table) => table switch
    {
        ModbusTable.HoldingRegister => _holding,
        ModbusTable.InputRegister => _input,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a register table"),
    };

    private bool[] BitsOf(ModbusTable table) => table switch
    {
        ModbusTable.Coil => _coils,
        ModbusTable.DiscreteInput => _discrete,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a bit table"),
    };
}
