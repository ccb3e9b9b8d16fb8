using System.Text.RegularExpressions;
using EdgeGateway.FieldBus.Profiles.Documents;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>A profile's <c>commands</c>: the register each one writes, and the registers it reads back as results.</summary>
internal sealed partial class CommandDocumentValidator(ProfileErrorCollector errors)
{
    private readonly ProfileErrorCollector _errors = errors;

    public Dictionary<string, ProfileCommand> Check(IReadOnlyDictionary<string, CommandDocument?>? documents, ProfileDefaults defaults)
    {
        var commands = new Dictionary<string, ProfileCommand>(StringComparer.Ordinal);
        if (documents is null)
        {
            return commands;
        }

        foreach (var (name, document) in documents)
        {
            var errorsBefore = _errors.Count;
            if (!CommandName().IsMatch(name))
            {
                _errors.Add(name, ProfileItemKind.Command, "name must be camelCase letters and digits, e.g. retainSample");
            }

            if (document is null)
            {
                _errors.Add(name, ProfileItemKind.Command, "is null");
                continue;
            }

            _errors.ReportUnknown(document.UnknownProperties, name, ProfileItemKind.Command, "");
            var table = _errors.ParseTable(document.Table, name, ProfileItemKind.Command);
            if (table is ModbusTable.InputRegister or ModbusTable.DiscreteInput)
            {
                _errors.Add(name, ProfileItemKind.Command, $"table '{document.Table}' is read-only; a command writes a coil or a holding register");
                table = null;
            }

            var address = _errors.CheckAddress(document.Address, name, ProfileItemKind.Command, "");
            if (document.Value is null)
            {
                _errors.Add(name, ProfileItemKind.Command, "value is missing");
            }
            else if (table == ModbusTable.Coil && document.Value is not (0 or 1))
            {
                _errors.Add(name, ProfileItemKind.Command, $"value {document.Value} is not 0 or 1, as a coil needs");
            }
            else if (table == ModbusTable.HoldingRegister && document.Value is < short.MinValue or > ushort.MaxValue)
            {
                _errors.Add(name, ProfileItemKind.Command, $"value {document.Value} does not fit a register (-32768..65535)");
            }

            var results = CheckCommandResults(document.Results, defaults, name);
            if (_errors.Count > errorsBefore || table is null || address is null || document.Value is null)
            {
                continue;
            }

            commands.Add(name, new ProfileCommand(name, table.Value, address.Value, document.Value.Value, results));
        }

        return commands;
    }

    private List<CommandRegister> CheckCommandResults(IReadOnlyDictionary<string, CommandRegisterDocument?>? documents, ProfileDefaults defaults, string command)
    {
        var results = new List<CommandRegister>();
        if (documents is null)
        {
            return results;
        }

        foreach (var (name, document) in documents)
        {
            var where = $"result '{name}': ";
            var errorsBefore = _errors.Count;
            if (!CommandName().IsMatch(name))
            {
                _errors.Add(command, ProfileItemKind.Command, $"{where}name must be camelCase letters and digits, e.g. vaseNo");
            }

            if (document is null)
            {
                _errors.Add(command, ProfileItemKind.Command, $"{where}is null");
                continue;
            }

            _errors.ReportUnknown(document.UnknownProperties, command, ProfileItemKind.Command, where);
            var table = document.Table is null ? ModbusTable.HoldingRegister : _errors.ParseTable(document.Table, command, ProfileItemKind.Command, where);
            var type = document.Type is null ? ModbusDataType.U16 : _errors.ParseType(document.Type, command, ProfileItemKind.Command, where);
            var address = _errors.CheckAddress(document.Address, command, ProfileItemKind.Command, where);
            var byteOrder = _errors.ParseByteOrder(document.ByteOrder, command, ProfileItemKind.Command, where) ?? defaults.ByteOrder;
            if (table is ModbusTable.Coil or ModbusTable.DiscreteInput || type is ModbusDataType.Bool or ModbusDataType.Bit)
            {
                _errors.Add(command, ProfileItemKind.Command, $"{where}a result is a register value: table input or holding, type one of u16 i16 u32 i32 f32 u64 i64 f64");
                continue;
            }

            if (table is not null && type is not null && address is not null)
            {
                _errors.CheckSpan(table.Value, address.Value, type.Value, defaults, command, ProfileItemKind.Command, where);
            }

            if (_errors.Count == errorsBefore && table is not null && type is not null && address is not null)
            {
                results.Add(new CommandRegister(name, table.Value, address.Value, type.Value, byteOrder));
            }
        }

        return results;
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CommandName();
}
