using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// The names profile files use for enumerated values, both ways. The lists are what error messages print after
/// "is not one of", and what profile.schema.json enumerates (a test keeps the two in step).
/// </summary>
public static class ProfileNames
{
    public const string Tables = "coil discrete input holding";
    public const string Types = "u16 i16 u32 i32 f32 u64 i64 f64 bool bit";
    public const string ByteOrders = "ABCD BADC CDAB DCBA";
    public const string Kinds = "flue-gas wastewater particulate-flow other";
    public const string Meanings = "maintenance calibration fault stopped";
    public const string RunStates = "off running calibrating maintenance alarm blowBack";

    public static ModbusTable? ParseTable(string name) => name switch
    {
        "coil" => ModbusTable.Coil,
        "discrete" => ModbusTable.DiscreteInput,
        "input" => ModbusTable.InputRegister,
        "holding" => ModbusTable.HoldingRegister,
        _ => null,
    };

    public static string Of(ModbusTable table) => table switch
    {
        ModbusTable.Coil => "coil",
        ModbusTable.DiscreteInput => "discrete",
        ModbusTable.InputRegister => "input",
        ModbusTable.HoldingRegister => "holding",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };

    public static ModbusDataType? ParseType(string name) => name switch
    {
        "u16" => ModbusDataType.U16,
        "i16" => ModbusDataType.I16,
        "u32" => ModbusDataType.U32,
        "i32" => ModbusDataType.I32,
        "f32" => ModbusDataType.F32,
        "u64" => ModbusDataType.U64,
        "i64" => ModbusDataType.I64,
        "f64" => ModbusDataType.F64,
        "bool" => ModbusDataType.Bool,
        "bit" => ModbusDataType.Bit,
        _ => null,
    };

    public static string Of(ModbusDataType type) => type switch
    {
        ModbusDataType.U16 => "u16",
        ModbusDataType.I16 => "i16",
        ModbusDataType.U32 => "u32",
        ModbusDataType.I32 => "i32",
        ModbusDataType.F32 => "f32",
        ModbusDataType.U64 => "u64",
        ModbusDataType.I64 => "i64",
        ModbusDataType.F64 => "f64",
        ModbusDataType.Bool => "bool",
        ModbusDataType.Bit => "bit",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ModbusByteOrder? ParseByteOrder(string name) => name switch
    {
        "ABCD" => ModbusByteOrder.ABCD,
        "BADC" => ModbusByteOrder.BADC,
        "CDAB" => ModbusByteOrder.CDAB,
        "DCBA" => ModbusByteOrder.DCBA,
        _ => null,
    };

    public static DeviceKind? ParseKind(string name) => name switch
    {
        "flue-gas" => DeviceKind.FlueGas,
        "wastewater" => DeviceKind.Wastewater,
        "particulate-flow" => DeviceKind.ParticulateFlow,
        "other" => DeviceKind.Other,
        _ => null,
    };

    public static string Of(DeviceKind kind) => kind switch
    {
        DeviceKind.FlueGas => "flue-gas",
        DeviceKind.Wastewater => "wastewater",
        DeviceKind.ParticulateFlow => "particulate-flow",
        DeviceKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static StatusMeaning? ParseMeaning(string name) => name switch
    {
        "maintenance" => StatusMeaning.Maintenance,
        "calibration" => StatusMeaning.Calibration,
        "fault" => StatusMeaning.Fault,
        "stopped" => StatusMeaning.Stopped,
        _ => null,
    };

    public static string Of(StatusMeaning meaning) => meaning switch
    {
        StatusMeaning.Maintenance => "maintenance",
        StatusMeaning.Calibration => "calibration",
        StatusMeaning.Fault => "fault",
        StatusMeaning.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(meaning), meaning, null),
    };

    public static EquipmentRunState? ParseRunState(string name) => name switch
    {
        "off" => EquipmentRunState.Off,
        "running" => EquipmentRunState.Running,
        "calibrating" => EquipmentRunState.Calibrating,
        "maintenance" => EquipmentRunState.Maintenance,
        "alarm" => EquipmentRunState.Alarm,
        "blowBack" => EquipmentRunState.BlowBack,
        _ => null,
    };

    /// <summary>Words for a span in messages: "holding register 40", "input registers 0-1", "coil 5", "discrete inputs 0-3".</summary>
    public static string DescribeSpan(ModbusTable table, int address, int length)
    {
        var plural = length > 1;
        var noun = table switch
        {
            ModbusTable.Coil => plural ? "coils" : "coil",
            ModbusTable.DiscreteInput => plural ? "discrete inputs" : "discrete input",
            ModbusTable.InputRegister => plural ? "input registers" : "input register",
            _ => plural ? "holding registers" : "holding register",
        };
        return plural ? $"{noun} {address}-{address + length - 1}" : $"{noun} {address}";
    }
}
