using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Planning;

/// <summary>One read transaction of a plan and the items its response carries.</summary>
/// <param name="Table">Modbus table, which decides the function code.</param>
/// <param name="Address">0-based first register (or bit) asked for: the lowest address of its items.</param>
/// <param name="Count">Registers (or bits) asked for: up to the highest end of its items, holes included.</param>
/// <param name="Items">The items it covers, by address.</param>
public sealed record ReadRequest(ModbusTable Table, int Address, int Count, IReadOnlyList<RegisterSpan> Items)
{
    /// <summary>One past the last register or bit asked for.</summary>
    public int End => Address + Count;

    /// <summary>True for FC01/FC02, whose Count is bits.</summary>
    public bool ReadsBits => ReadPlanLimits.IsBitTable(Table);

    public ModbusFunctionCode FunctionCode => Table switch
    {
        ModbusTable.Coil => ModbusFunctionCode.ReadCoils,
        ModbusTable.DiscreteInput => ModbusFunctionCode.ReadDiscreteInputs,
        ModbusTable.InputRegister => ModbusFunctionCode.ReadInputRegisters,
        _ => ModbusFunctionCode.ReadHoldingRegisters,
    };

    public override string ToString() =>
        $"FC{(byte)FunctionCode:D2} {ProfileNames.DescribeSpan(Table, Address, Count)} for {string.Join(", ", Items.Select(item => item.Owner))}";
}
