using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeGateway.FieldBus.Profiles.Documents;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// Checks a parsed profile file and, if nothing is wrong, builds the <see cref="DeviceProfile"/>. It reports every
/// problem in one pass, so an author fixes a file in one round instead of one error per gateway restart.
/// </summary>
/// <remarks>
/// An instance lives for one <see cref="Validate"/> call and only collects that call's errors.
/// </remarks>
public sealed partial class DeviceProfileValidator
{
    /// <summary>Highest 0-based protocol address of every table.</summary>
    public const int HighestAddress = 65535;

    private const string StatusTypes = "u16 i16 u32 i32 (registers) or bool (coil, discrete)";

    private readonly string _file;
    private readonly List<ProfileError> _errors = [];

    private DeviceProfileValidator(string file) => _file = file;

    /// <summary>Checks <paramref name="document"/>, read from <paramref name="file"/>.</summary>
    /// <param name="document">The parsed file.</param>
    /// <param name="file">Named in every error, as given.</param>
    /// <param name="profile">The profile when the list is empty; otherwise null.</param>
    /// <returns>Every problem found, in file order; empty when the profile is valid.</returns>
    public static IReadOnlyList<ProfileError> Validate(ProfileDocument document, string file, out DeviceProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(file);
        var validator = new DeviceProfileValidator(file);
        profile = validator.Check(document);
        return validator._errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex ModelPattern();

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex ItemIdPattern();

    // [0-9], not \d: \d also matches other scripts' digits.
    [GeneratedRegex("^[a-z][0-9]{5}$")]
    private static partial Regex FactorCodePattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CommandNamePattern();

    private DeviceProfile? Check(ProfileDocument document)
    {
        ReportUnknown(document.UnknownProperties, null, ProfileItemKind.Profile, "");

        var model = document.Model;
        if (string.IsNullOrWhiteSpace(model))
        {
            AddProfileError("model is missing");
        }
        else if (!ModelPattern().IsMatch(model))
        {
            AddProfileError($"model '{model}' must match [a-z0-9][a-z0-9._-]*");
        }

        DeviceKind? kind = null;
        if (document.Kind is null)
        {
            AddProfileError($"kind is missing; one of {ProfileNames.Kinds}");
        }
        else
        {
            kind = ProfileNames.ParseKind(document.Kind);
            if (kind is null)
            {
                AddProfileError($"kind '{document.Kind}' is not one of {ProfileNames.Kinds}");
            }
        }

        var defaults = CheckDefaults(document.Defaults);
        var spans = new List<OwnedSpan>();
        var channels = CheckChannels(document.Channels, defaults, spans, out var channelIds);
        var status = CheckStatusWords(document.Status, defaults, spans, channelIds, [.. channels.Select(channel => channel.Id)]);
        ReportOverlaps(spans);
        var commands = CheckCommands(document.Commands, defaults);

        if (_errors.Count > 0 || kind is null || model is null)
        {
            return null;
        }

        return new DeviceProfile(
            model,
            document.Manufacturer ?? "",
            document.Description ?? "",
            kind.Value,
            defaults,
            channels,
            status,
            commands,
            _file);
    }

    private ProfileDefaults CheckDefaults(DefaultsDocument? document)
    {
        var standard = new ProfileDefaults();
        if (document is null)
        {
            return standard;
        }

        ReportUnknown(document.UnknownProperties, null, ProfileItemKind.Profile, "defaults: ");
        var byteOrder = ParseByteOrder(document.ByteOrder, null, ProfileItemKind.Profile, "defaults: ") ?? standard.ByteOrder;
        var maxRegisters = CheckLimit(document.MaxRegistersPerRequest, "maxRegistersPerRequest", 1, ProfileDefaults.ModbusMaxRegisters, standard.MaxRegistersPerRequest);
        var maxBits = CheckLimit(document.MaxBitsPerRequest, "maxBitsPerRequest", 1, ProfileDefaults.ModbusMaxBits, standard.MaxBitsPerRequest);
        var maxGap = CheckLimit(document.MaxGap, "maxGap", 0, ProfileDefaults.ModbusMaxRegisters, standard.MaxGap);
        return new ProfileDefaults(byteOrder, maxRegisters, maxBits, maxGap);
    }

    private int CheckLimit(int? value, string name, int lowest, int highest, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < lowest || value > highest)
        {
            AddProfileError($"defaults: {name} {value} is not within {lowest}..{highest}");
            return fallback;
        }

        return value.Value;
    }

    private List<ProfileChannel> CheckChannels(IReadOnlyList<ChannelDocument?>? documents, ProfileDefaults defaults, List<OwnedSpan> spans, out Dictionary<string, int> channelIds)
    {
        channelIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var channels = new List<ProfileChannel>();
        if (documents is null || documents.Count == 0)
        {
            AddProfileError("channels is missing or empty; a profile needs at least one channel");
            return channels;
        }

        for (var index = 0; index < documents.Count; index++)
        {
            var position = $"channels[{index}]";
            var document = documents[index];
            if (document is null)
            {
                Add(position, ProfileItemKind.Channel, "is null");
                continue;
            }

            var label = string.IsNullOrEmpty(document.Id) ? position : document.Id;
            var errorsBefore = _errors.Count;
            ReportUnknown(document.UnknownProperties, label, ProfileItemKind.Channel, "");

            if (string.IsNullOrEmpty(document.Id))
            {
                Add(label, ProfileItemKind.Channel, "id is missing");
            }
            else if (!ItemIdPattern().IsMatch(document.Id))
            {
                Add(label, ProfileItemKind.Channel, "id must use only a-z, 0-9, '_' and '-'");
            }
            else if (channelIds.TryGetValue(document.Id, out var first))
            {
                Add(label, ProfileItemKind.Channel, $"id is also used by channels[{first}]");
            }
            else
            {
                channelIds.Add(document.Id, index);
            }

            if (string.IsNullOrEmpty(document.Code))
            {
                Add(label, ProfileItemKind.Channel, "code is missing");
            }
            else if (!FactorCodePattern().IsMatch(document.Code))
            {
                Add(label, ProfileItemKind.Channel, $"code '{document.Code}' is not an HJ 212 factor code (a lower-case letter and five digits, e.g. a21026)");
            }

            if (string.IsNullOrWhiteSpace(document.Name))
            {
                Add(label, ProfileItemKind.Channel, "name is missing");
            }

            var table = ParseTable(document.Table, label, ProfileItemKind.Channel);
            var type = ParseType(document.Type, label, ProfileItemKind.Channel);
            var address = CheckAddress(document.Address, label, ProfileItemKind.Channel, "");
            var byteOrder = ParseByteOrder(document.ByteOrder, label, ProfileItemKind.Channel, "") ?? defaults.ByteOrder;
            // A channel with other errors still takes part in the overlap check if its registers are known,
            // so fixing its scale does not reveal a new error on the next run.
            if (table is { } placedTable && type is { } placedType && address is { } placedAddress
                && CheckTableFitsType(placedTable, placedType, label, ProfileItemKind.Channel, "")
                && CheckSpan(placedTable, placedAddress, placedType, defaults, label, ProfileItemKind.Channel, ""))
            {
                spans.Add(new OwnedSpan(placedTable, placedAddress, ModbusValueCodec.RegisterCount(placedType), label, ProfileItemKind.Channel, SharesRegister: placedType == ModbusDataType.Bit, spans.Count));
            }

            if (type == ModbusDataType.Bit)
            {
                if (document.Bit is null)
                {
                    Add(label, ProfileItemKind.Channel, "type 'bit' needs a bit (0..15)");
                }
                else if (document.Bit is < 0 or > 15)
                {
                    Add(label, ProfileItemKind.Channel, $"bit {document.Bit} is not within 0..15");
                }
            }
            else if (type is not null && document.Bit is not null)
            {
                Add(label, ProfileItemKind.Channel, $"bit is only for type 'bit', not '{document.Type}'");
            }

            if (document.Scale == 0)
            {
                Add(label, ProfileItemKind.Channel, "scale must not be 0 (engineering = raw × scale + offset)");
            }

            // The reader turns 1e400 into infinity rather than failing.
            if (document.Scale is { } scale && !double.IsFinite(scale))
            {
                Add(label, ProfileItemKind.Channel, "scale is too large");
            }

            if (document.Offset is { } offset && !double.IsFinite(offset))
            {
                Add(label, ProfileItemKind.Channel, "offset is too large");
            }

            var range = CheckRange(document.Range, label);

            if (_errors.Count > errorsBefore || table is null || type is null || address is null)
            {
                continue;
            }

            var channel = new ProfileChannel(
                document.Id!,
                document.Code!,
                document.Name!,
                document.Unit ?? "",
                table.Value,
                address.Value,
                type.Value,
                document.Bit,
                byteOrder,
                document.Scale ?? 1.0,
                document.Offset ?? 0.0,
                range);
            channels.Add(channel);
        }

        return channels;
    }

    private MeasuringRange? CheckRange(RangeDocument? document, string label)
    {
        if (document is null)
        {
            return null;
        }

        ReportUnknown(document.UnknownProperties, label, ProfileItemKind.Channel, "range: ");
        if (document.Min is null || document.Max is null)
        {
            Add(label, ProfileItemKind.Channel, "range needs both min and max");
            return null;
        }

        if (!double.IsFinite(document.Min.Value) || !double.IsFinite(document.Max.Value))
        {
            Add(label, ProfileItemKind.Channel, "range min and max must be finite numbers");
            return null;
        }

        if (document.Min >= document.Max)
        {
            Add(label, ProfileItemKind.Channel, $"range min {Format(document.Min.Value)} is not below max {Format(document.Max.Value)}");
            return null;
        }

        return new MeasuringRange(document.Min.Value, document.Max.Value);
    }

    /// <param name="everyChannel">Ids of the valid channels in file order: what a status applies to when it names none.
    /// (If some channel is invalid no profile is built, so the list is then only used for messages.)</param>
    private List<ProfileStatusWord> CheckStatusWords(IReadOnlyList<StatusWordDocument?>? documents, ProfileDefaults defaults, List<OwnedSpan> spans, Dictionary<string, int> channelIds, IReadOnlyList<string> everyChannel)
    {
        var words = new List<ProfileStatusWord>();
        if (documents is null)
        {
            return words;
        }

        var statusIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < documents.Count; index++)
        {
            var position = $"status[{index}]";
            var document = documents[index];
            if (document is null)
            {
                Add(position, ProfileItemKind.Status, "is null");
                continue;
            }

            var label = string.IsNullOrEmpty(document.Id) ? position : document.Id;
            var errorsBefore = _errors.Count;
            ReportUnknown(document.UnknownProperties, label, ProfileItemKind.Status, "");

            if (string.IsNullOrEmpty(document.Id))
            {
                Add(label, ProfileItemKind.Status, "id is missing");
            }
            else if (!ItemIdPattern().IsMatch(document.Id))
            {
                Add(label, ProfileItemKind.Status, "id must use only a-z, 0-9, '_' and '-'");
            }
            else if (channelIds.TryGetValue(document.Id, out var channelIndex))
            {
                // One namespace for both, so a message naming 'x' is never ambiguous.
                Add(label, ProfileItemKind.Status, $"id is also used by channels[{channelIndex}]");
            }
            else if (statusIds.TryGetValue(document.Id, out var first))
            {
                Add(label, ProfileItemKind.Status, $"id is also used by status[{first}]");
            }
            else
            {
                statusIds.Add(document.Id, index);
            }

            var table = ParseTable(document.Table, label, ProfileItemKind.Status);
            var address = CheckAddress(document.Address, label, ProfileItemKind.Status, "");
            var byteOrder = ParseByteOrder(document.ByteOrder, label, ProfileItemKind.Status, "") ?? defaults.ByteOrder;
            ModbusDataType? type = document.Type is null
                ? table switch
                {
                    null => null,
                    ModbusTable.Coil or ModbusTable.DiscreteInput => ModbusDataType.Bool,
                    _ => ModbusDataType.U16,
                }
                : ParseType(document.Type, label, ProfileItemKind.Status);

            if (type is ModbusDataType.Bit or ModbusDataType.F32 or ModbusDataType.F64 or ModbusDataType.U64 or ModbusDataType.I64)
            {
                Add(label, ProfileItemKind.Status, $"type '{document.Type}' cannot be a status word; use {StatusTypes}");
                type = null;
            }

            if (table is { } placedTable && type is { } placedType && address is { } placedAddress
                && CheckTableFitsType(placedTable, placedType, label, ProfileItemKind.Status, "")
                && CheckSpan(placedTable, placedAddress, placedType, defaults, label, ProfileItemKind.Status, ""))
            {
                // A 16-bit status word is a bit field like a bit channel: both may sit on the same register.
                var length = ModbusValueCodec.RegisterCount(placedType);
                spans.Add(new OwnedSpan(placedTable, placedAddress, length, label, ProfileItemKind.Status, SharesRegister: length == 1, spans.Count));
            }

            var wordChannels = document.Channels is null
                ? null
                : ResolveChannels(document.Channels, channelIds, label, "channels");
            var appliesTo = wordChannels ?? everyChannel;

            var bits = CheckStatusBits(document, type, channelIds, appliesTo, label);
            var values = CheckStatusValues(document, type, appliesTo, label);
            if ((document.Bits is null || document.Bits.Count == 0) && (document.Values is null || document.Values.Count == 0))
            {
                Add(label, ProfileItemKind.Status, "has neither bits nor values, so it can never flag anything");
            }

            if (_errors.Count > errorsBefore || table is null || type is null || address is null)
            {
                continue;
            }

            words.Add(new ProfileStatusWord(document.Id!, table.Value, address.Value, type.Value, byteOrder, bits, values));
        }

        return words;
    }

    private List<StatusBit> CheckStatusBits(StatusWordDocument document, ModbusDataType? type, Dictionary<string, int> channelIds, IReadOnlyList<string> wordChannels, string label)
    {
        var bits = new List<StatusBit>();
        if (document.Bits is null || document.Bits.Count == 0)
        {
            return bits;
        }

        if (type == ModbusDataType.Bool)
        {
            Add(label, ProfileItemKind.Status, "a bool status word has no bits; use values, e.g. { \"1\": \"fault\" }");
            return bits;
        }

        var highestBit = type is null ? 31 : (16 * ModbusValueCodec.RegisterCount(type.Value)) - 1;
        var seen = new HashSet<int>();
        for (var index = 0; index < document.Bits.Count; index++)
        {
            var entry = document.Bits[index];
            var where = $"bits[{index}]";
            if (entry is null)
            {
                Add(label, ProfileItemKind.Status, $"{where} is null");
                continue;
            }

            ReportUnknown(entry.UnknownProperties, label, ProfileItemKind.Status, $"{where}: ");
            if (entry.Bit is null)
            {
                Add(label, ProfileItemKind.Status, $"{where}: bit is missing");
            }
            else
            {
                where = $"bit {entry.Bit}";
                if (entry.Bit < 0 || entry.Bit > highestBit)
                {
                    Add(label, ProfileItemKind.Status, $"bit {entry.Bit} is not within 0..{highestBit}");
                }
                else if (!seen.Add(entry.Bit.Value))
                {
                    Add(label, ProfileItemKind.Status, $"bit {entry.Bit} is listed twice");
                }
            }

            var means = ParseMeaning(entry.Means, label, where);
            var channels = entry.Channels is null
                ? wordChannels
                : ResolveChannels(entry.Channels, channelIds, label, where);
            if (entry.Bit is not null && means is not null && channels is not null)
            {
                bits.Add(new StatusBit(entry.Bit.Value, means.Value, channels));
            }
        }

        return bits;
    }

    private List<StatusValue> CheckStatusValues(StatusWordDocument document, ModbusDataType? type, IReadOnlyList<string> wordChannels, string label)
    {
        var values = new List<StatusValue>();
        if (document.Values is null)
        {
            return values;
        }

        var (lowest, highest) = type switch
        {
            ModbusDataType.Bool => (0L, 1L),
            ModbusDataType.I16 => (short.MinValue, short.MaxValue),
            ModbusDataType.U32 => (0L, uint.MaxValue),
            ModbusDataType.I32 => (int.MinValue, int.MaxValue),
            ModbusDataType.U16 => (0L, ushort.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };

        foreach (var (key, meaning) in document.Values)
        {
            var means = ParseMeaning(meaning, label, $"value {key}");
            if (!long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                Add(label, ProfileItemKind.Status, $"value '{key}' is not a decimal integer");
                continue;
            }

            if (value < lowest || value > highest)
            {
                Add(label, ProfileItemKind.Status, $"value {value} does not fit type '{ProfileNames.Of(type!.Value)}' ({lowest}..{highest})");
                continue;
            }

            if (means is not null)
            {
                values.Add(new StatusValue(value, means.Value, wordChannels));
            }
        }

        return values;
    }

    private StatusMeaning? ParseMeaning(string? name, string label, string where)
    {
        if (name is null)
        {
            Add(label, ProfileItemKind.Status, $"{where}: means is missing; one of {ProfileNames.Meanings}");
            return null;
        }

        var meaning = ProfileNames.ParseMeaning(name);
        if (meaning is null)
        {
            Add(label, ProfileItemKind.Status, $"{where}: means '{name}' is not one of {ProfileNames.Meanings}");
        }

        return meaning;
    }

    /// <summary>Checks a list of channel ids; null when it has an error.</summary>
    private List<string>? ResolveChannels(IReadOnlyList<string?> names, Dictionary<string, int> channelIds, string label, string where)
    {
        if (names.Count == 0)
        {
            Add(label, ProfileItemKind.Status, $"{where}: the channel list is empty; leave it out to mean every channel");
            return null;
        }

        var resolved = new List<string>(names.Count);
        var valid = true;
        foreach (var name in names)
        {
            if (name is null || !channelIds.ContainsKey(name))
            {
                Add(label, ProfileItemKind.Status, $"{where} names unknown channel '{name}'");
                valid = false;
            }
            else if (!resolved.Contains(name, StringComparer.Ordinal))
            {
                resolved.Add(name);
            }
        }

        return valid ? resolved : null;
    }

    private Dictionary<string, ProfileCommand> CheckCommands(IReadOnlyDictionary<string, CommandDocument?>? documents, ProfileDefaults defaults)
    {
        var commands = new Dictionary<string, ProfileCommand>(StringComparer.Ordinal);
        if (documents is null)
        {
            return commands;
        }

        foreach (var (name, document) in documents)
        {
            var errorsBefore = _errors.Count;
            if (!CommandNamePattern().IsMatch(name))
            {
                Add(name, ProfileItemKind.Command, "name must be camelCase letters and digits, e.g. retainSample");
            }

            if (document is null)
            {
                Add(name, ProfileItemKind.Command, "is null");
                continue;
            }

            ReportUnknown(document.UnknownProperties, name, ProfileItemKind.Command, "");
            var table = ParseTable(document.Table, name, ProfileItemKind.Command);
            if (table is ModbusTable.InputRegister or ModbusTable.DiscreteInput)
            {
                Add(name, ProfileItemKind.Command, $"table '{document.Table}' is read-only; a command writes a coil or a holding register");
                table = null;
            }

            var address = CheckAddress(document.Address, name, ProfileItemKind.Command, "");
            if (document.Value is null)
            {
                Add(name, ProfileItemKind.Command, "value is missing");
            }
            else if (table == ModbusTable.Coil && document.Value is not (0 or 1))
            {
                Add(name, ProfileItemKind.Command, $"value {document.Value} is not 0 or 1, as a coil needs");
            }
            else if (table == ModbusTable.HoldingRegister && document.Value is < short.MinValue or > ushort.MaxValue)
            {
                Add(name, ProfileItemKind.Command, $"value {document.Value} does not fit a register (-32768..65535)");
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
            if (!CommandNamePattern().IsMatch(name))
            {
                Add(command, ProfileItemKind.Command, $"{where}name must be camelCase letters and digits, e.g. vaseNo");
            }

            if (document is null)
            {
                Add(command, ProfileItemKind.Command, $"{where}is null");
                continue;
            }

            ReportUnknown(document.UnknownProperties, command, ProfileItemKind.Command, where);
            var table = document.Table is null ? ModbusTable.HoldingRegister : ParseTable(document.Table, command, ProfileItemKind.Command, where);
            var type = document.Type is null ? ModbusDataType.U16 : ParseType(document.Type, command, ProfileItemKind.Command, where);
            var address = CheckAddress(document.Address, command, ProfileItemKind.Command, where);
            var byteOrder = ParseByteOrder(document.ByteOrder, command, ProfileItemKind.Command, where) ?? defaults.ByteOrder;
            if (table is ModbusTable.Coil or ModbusTable.DiscreteInput || type is ModbusDataType.Bool or ModbusDataType.Bit)
            {
                Add(command, ProfileItemKind.Command, $"{where}a result is a register value: table input or holding, type one of u16 i16 u32 i32 f32 u64 i64 f64");
                continue;
            }

            if (table is not null && type is not null && address is not null)
            {
                CheckSpan(table.Value, address.Value, type.Value, defaults, command, ProfileItemKind.Command, where);
            }

            if (_errors.Count == errorsBefore && table is not null && type is not null && address is not null)
            {
                results.Add(new CommandRegister(name, table.Value, address.Value, type.Value, byteOrder));
            }
        }

        return results;
    }

    private ModbusTable? ParseTable(string? name, string label, ProfileItemKind kind, string where = "")
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

    private ModbusDataType? ParseType(string? name, string label, ProfileItemKind kind, string where = "")
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
    private ModbusByteOrder? ParseByteOrder(string? name, string? label, ProfileItemKind kind, string where)
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

    private int? CheckAddress(int? address, string label, ProfileItemKind kind, string where)
    {
        if (address is null)
        {
            Add(label, kind, $"{where}address is missing");
            return null;
        }

        if (address is < 0 or > HighestAddress)
        {
            Add(label, kind, $"{where}address {address} is not within 0..{HighestAddress} (0-based protocol address, not 4xxxx notation)");
            return null;
        }

        return address;
    }

    /// <returns>False when reported.</returns>
    private bool CheckTableFitsType(ModbusTable table, ModbusDataType type, string label, ProfileItemKind kind, string where)
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
    private bool CheckSpan(ModbusTable table, int address, ModbusDataType type, ProfileDefaults defaults, string label, ProfileItemKind kind, string where)
    {
        var length = ModbusValueCodec.RegisterCount(type);
        var fits = address + length - 1 <= HighestAddress;
        if (!fits)
        {
            Add(label, kind, $"{where}{ProfileNames.DescribeSpan(table, address, length)} go beyond {HighestAddress}");
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

    /// <summary>
    /// Sweeps the spans of each table in address order, comparing each with the farthest-reaching span before it:
    /// O(n log n), and every span that overlaps an earlier one is reported once.
    /// </summary>
    private void ReportOverlaps(List<OwnedSpan> spans)
    {
        spans.Sort(static (left, right) =>
        {
            var byTable = left.Table.CompareTo(right.Table);
            if (byTable != 0)
            {
                return byTable;
            }

            var byAddress = left.Address.CompareTo(right.Address);
            return byAddress != 0 ? byAddress : left.Order.CompareTo(right.Order);
        });

        OwnedSpan? reach = null;
        foreach (var span in spans)
        {
            if (reach is null || reach.Value.Table != span.Table || span.Address >= reach.Value.End)
            {
                reach = span;
                continue;
            }

            var other = reach.Value;
            var sameRegister = span.Length == 1 && other.Length == 1 && span.Address == other.Address;
            if (!(sameRegister && span.SharesRegister && other.SharesRegister))
            {
                var verb = span.Length == 1 ? "overlaps" : "overlap";
                var otherKind = other.Kind == ProfileItemKind.Status ? "status" : "channel";
                Add(span.Owner, span.Kind, $"{ProfileNames.DescribeSpan(span.Table, span.Address, span.Length)} {verb} {otherKind} '{other.Owner}' ({ProfileNames.DescribeSpan(other.Table, other.Address, other.Length)})");
            }

            if (span.End > other.End)
            {
                reach = span;
            }
        }
    }

    private void ReportUnknown(Dictionary<string, JsonElement>? unknown, string? label, ProfileItemKind kind, string where)
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

    private void AddProfileError(string reason) => Add(null, ProfileItemKind.Profile, reason);

    private void Add(string? label, ProfileItemKind kind, string reason) =>
        _errors.Add(new ProfileError(_file, label, reason, label is null ? ProfileItemKind.Profile : kind));

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
