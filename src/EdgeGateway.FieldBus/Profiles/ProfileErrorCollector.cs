using System.Text.Json;
using EdgeGateway.FieldBus.Profiles.Documents;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// The problems of one profile file, in file order, each naming the file, the item and its kind; and the checks every
/// kind of item shares (table, type, byte order, address, span, unknown properties), so a bad field reads the same
/// wherever it is.
/// </summary>
internal sealed class ProfileErrorCollector(string file)
{
    private readonly List<ProfileError> _errors = [];

    /// <summary>How many problems were found so far.</summary>
    public int Count => _errors.Count;

    /// <summary>The problems found, in order.</summary>
    public IReadOnlyList<ProfileError> Errors => _errors;

    public ModbusTable? ParseTable(string? name, string label, ProfileItemKind kind, string where = "")
    {
        if (name is null)
        {
            Add(label, kind, $"{where}table is missing; one of {ProfileNames.Tables}");
            return null;
        }

        var table = ProfileNames.ParseTable(name);
        if (table is null)
        {
            Add(label, kind, $"{where}table '{name}' is not one of {ProfileNames.Tables}");
        }

        return table;
    }

    public ModbusDataType? ParseType(string? name, string label, ProfileItemKind kind, string where = "")
    {
        if (name is null)
        {
            Add(label, kind, $"{where}type is missing; one of {ProfileNames.Types}");
            return null;
        }

        var type = ProfileNames.ParseType(name);
        if (type is null)
        {
            Add(label, kind, $"{where}type '{name}' is not one of {ProfileNames.Types}");
        }

        return type;
    }

    /// <summary>Null when absent (the caller's default applies) or unknown (reported).</summary>
    public ModbusByteOrder? ParseByteOrder(string? name, string? label, ProfileItemKind kind, string where)
    {
        if (name is null)
        {
            return null;
        }

        var order = ProfileNames.ParseByteOrder(name);
        if (order is null)
        {
            Add(label, kind, $"{where}byteOrder '{name}' is not one of {ProfileNames.ByteOrders}");
        }

        return order;
    }

    public int? CheckAddress(int? address, string label, ProfileItemKind kind, string where)
    {
        if (address is null)
        {
            Add(label, kind, $"{where}address is missing");
            return null;
        }

        if (address is < 0 or > DeviceProfileValidator.HighestAddress)
        {
            Add(label, kind, $"{where}address {address} is not within 0..{DeviceProfileValidator.HighestAddress} (0-based protocol address, not 4xxxx notation)");
            return null;
        }

        return address;
    }

    /// <returns>False when reported.</returns>
    public bool CheckTableFitsType(ModbusTable table, ModbusDataType type, string label, ProfileItemKind kind, string where)
    {
        var bitTable = table is ModbusTable.Coil or ModbusTable.DiscreteInput;
        if (type == ModbusDataType.Bool && !bitTable)
        {
            Add(label, kind, $"{where}type 'bool' needs table coil or discrete, not '{ProfileNames.Of(table)}'; for one bit of a register use type 'bit'");
            return false;
        }

        if (type != ModbusDataType.Bool && bitTable)
        {
            Add(label, kind, $"{where}type '{ProfileNames.Of(type)}' needs table input or holding, not '{ProfileNames.Of(table)}'");
            return false;
        }

        return true;
    }

    /// <returns>False when the span does not fit the address space (reported); a span too wide for one request is reported but still placed.</returns>
    public bool CheckSpan(ModbusTable table, int address, ModbusDataType type, ProfileDefaults defaults, string label, ProfileItemKind kind, string where)
    {
        var length = ModbusValueCodec.RegisterCount(type);
        var fits = address + length - 1 <= DeviceProfileValidator.HighestAddress;
        if (!fits)
        {
            Add(label, kind, $"{where}{ProfileNames.DescribeSpan(table, address, length)} go beyond {DeviceProfileValidator.HighestAddress}");
        }

        var bitTable = table is ModbusTable.Coil or ModbusTable.DiscreteInput;
        var limit = bitTable ? defaults.MaxBitsPerRequest : defaults.MaxRegistersPerRequest;
        if (length > limit)
        {
            // The planner never splits a value across requests, so it could never read this one.
            Add(label, kind, $"{where}type '{ProfileNames.Of(type)}' needs {length} registers but maxRegistersPerRequest is {limit}");
        }

        return fits;
    }

    public void ReportUnknown(Dictionary<string, JsonElement>? unknown, string? label, ProfileItemKind kind, string where)
    {
        if (unknown is null)
        {
            return;
        }

        foreach (var name in unknown.Keys)
        {
            Add(label, kind, $"{where}unknown property '{name}'");
        }
    }

    public void AddProfileError(string reason) => Add(null, ProfileItemKind.Profile, reason);

    public void Add(string? label, ProfileItemKind kind, string reason) =>
        _errors.Add(new ProfileError(file, label, reason, label is null ? ProfileItemKind.Profile : kind));
}
