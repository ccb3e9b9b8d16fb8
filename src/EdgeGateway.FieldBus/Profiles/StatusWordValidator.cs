using System.Globalization;
using EdgeGateway.FieldBus.Profiles.Documents;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>A profile's <c>status</c> words: their registers, bits and values, and the channels each one applies to.</summary>
internal sealed class StatusWordValidator(ProfileErrorCollector errors)
{
    private const string StatusTypes = "u16 i16 u32 i32 (registers) or bool (coil, discrete)";

    private readonly ProfileErrorCollector _errors = errors;

    /// <param name="everyChannel">Ids of the valid channels in file order: what a status applies to when it names none.
    /// (If some channel is invalid no profile is built, so the list is then only used for messages.)</param>
    public List<ProfileStatusWord> Check(IReadOnlyList<StatusWordDocument?>? documents, ProfileDefaults defaults, List<OwnedSpan> spans, Dictionary<string, int> channelIds, IReadOnlyList<string> everyChannel)
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
                _errors.Add(position, ProfileItemKind.Status, "is null");
                continue;
            }

            var label = string.IsNullOrEmpty(document.Id) ? position : document.Id;
            var errorsBefore = _errors.Count;
            _errors.ReportUnknown(document.UnknownProperties, label, ProfileItemKind.Status, "");

            if (string.IsNullOrEmpty(document.Id))
            {
                _errors.Add(label, ProfileItemKind.Status, "id is missing");
            }
            else if (!ProfilePatterns.ItemId().IsMatch(document.Id))
            {
                _errors.Add(label, ProfileItemKind.Status, "id must use only a-z, 0-9, '_' and '-'");
            }
            else if (channelIds.TryGetValue(document.Id, out var channelIndex))
            {
                // One namespace for both, so a message naming 'x' is never ambiguous.
                _errors.Add(label, ProfileItemKind.Status, $"id is also used by channels[{channelIndex}]");
            }
            else if (statusIds.TryGetValue(document.Id, out var first))
            {
                _errors.Add(label, ProfileItemKind.Status, $"id is also used by status[{first}]");
            }
            else
            {
                statusIds.Add(document.Id, index);
            }

            var table = _errors.ParseTable(document.Table, label, ProfileItemKind.Status);
            var address = _errors.CheckAddress(document.Address, label, ProfileItemKind.Status, "");
            var byteOrder = _errors.ParseByteOrder(document.ByteOrder, label, ProfileItemKind.Status, "") ?? defaults.ByteOrder;
            ModbusDataType? type = document.Type is null
                ? table switch
                {
                    null => null,
                    ModbusTable.Coil or ModbusTable.DiscreteInput => ModbusDataType.Bool,
                    _ => ModbusDataType.U16,
                }
                : _errors.ParseType(document.Type, label, ProfileItemKind.Status);

            if (type is ModbusDataType.Bit or ModbusDataType.F32 or ModbusDataType.F64 or ModbusDataType.U64 or ModbusDataType.I64)
            {
                _errors.Add(label, ProfileItemKind.Status, $"type '{document.Type}' cannot be a status word; use {StatusTypes}");
                type = null;
            }

            if (table is { } placedTable && type is { } placedType && address is { } placedAddress
                && _errors.CheckTableFitsType(placedTable, placedType, label, ProfileItemKind.Status, "")
                && _errors.CheckSpan(placedTable, placedAddress, placedType, defaults, label, ProfileItemKind.Status, ""))
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
                _errors.Add(label, ProfileItemKind.Status, "has neither bits nor values, so it can never flag anything");
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
            _errors.Add(label, ProfileItemKind.Status, "a bool status word has no bits; use values, e.g. { \"1\": \"fault\" }");
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
                _errors.Add(label, ProfileItemKind.Status, $"{where} is null");
                continue;
            }

            _errors.ReportUnknown(entry.UnknownProperties, label, ProfileItemKind.Status, $"{where}: ");
            if (entry.Bit is null)
            {
                _errors.Add(label, ProfileItemKind.Status, $"{where}: bit is missing");
            }
            else
            {
                where = $"bit {entry.Bit}";
                if (entry.Bit < 0 || entry.Bit > highestBit)
                {
                    _errors.Add(label, ProfileItemKind.Status, $"bit {entry.Bit} is not within 0..{highestBit}");
                }
                else if (!seen.Add(entry.Bit.Value))
                {
                    _errors.Add(label, ProfileItemKind.Status, $"bit {entry.Bit} is listed twice");
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
                _errors.Add(label, ProfileItemKind.Status, $"value '{key}' is not a decimal integer");
                continue;
            }

            if (value < lowest || value > highest)
            {
                _errors.Add(label, ProfileItemKind.Status, $"value {value} does not fit type '{ProfileNames.Of(type!.Value)}' ({lowest}..{highest})");
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
            _errors.Add(label, ProfileItemKind.Status, $"{where}: means is missing; one of {ProfileNames.Meanings}");
            return null;
        }

        var meaning = ProfileNames.ParseMeaning(name);
        if (meaning is null)
        {
            _errors.Add(label, ProfileItemKind.Status, $"{where}: means '{name}' is not one of {ProfileNames.Meanings}");
        }

        return meaning;
    }

    /// <summary>Checks a list of channel ids; null when it has an error.</summary>
    private List<string>? ResolveChannels(IReadOnlyList<string?> names, Dictionary<string, int> channelIds, string label, string where)
    {
        if (names.Count == 0)
        {
            _errors.Add(label, ProfileItemKind.Status, $"{where}: the channel list is empty; leave it out to mean every channel");
            return null;
        }

        var resolved = new List<string>(names.Count);
        var valid = true;
        foreach (var name in names)
        {
            if (name is null || !channelIds.ContainsKey(name))
            {
                _errors.Add(label, ProfileItemKind.Status, $"{where} names unknown channel '{name}'");
                valid = false;
            }
            else if (!resolved.Contains(name, StringComparer.Ordinal))
            {
                resolved.Add(name);
            }
        }

        return valid ? resolved : null;
    }
}
