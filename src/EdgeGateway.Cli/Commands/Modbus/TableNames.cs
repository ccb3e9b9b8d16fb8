using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary>The table names the CLI and the profiles use.</summary>
internal static class TableNames
{
    public static IReadOnlyList<string> All { get; } = ["holding", "input", "coil", "discrete"];

    public static ModbusTable Parse(string name) => name switch
    {
        "holding" => ModbusTable.HoldingRegister,
        "input" => ModbusTable.InputRegister,
        "coil" => ModbusTable.Coil,
        "discrete" => ModbusTable.DiscreteInput,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown table"),
    };

    public static bool IsBitTable(ModbusTable table) => table is ModbusTable.Coil or ModbusTable.DiscreteInput;
}
