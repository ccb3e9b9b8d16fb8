using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.FieldBus.Profiles.Documents;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>A profile's <c>channels</c>: each one's id, code, unit, register, scaling and range, and the span it owns.</summary>
internal sealed partial class ChannelDocumentValidator(ProfileErrorCollector errors)
{
    private readonly ProfileErrorCollector _errors = errors;

    public List<ProfileChannel> Check(IReadOnlyList<ChannelDocument?>? documents, ProfileDefaults defaults, List<OwnedSpan> spans, out Dictionary<string, int> channelIds)
    {
        channelIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var channels = new List<ProfileChannel>();
        if (documents is null || documents.Count == 0)
        {
            _errors.AddProfileError("channels is missing or empty; a profile needs at least one channel");
            return channels;
        }

        for (var index = 0; index < documents.Count; index++)
        {
            var position = $"channels[{index}]";
            var document = documents[index];
            if (document is null)
            {
                _errors.Add(position, ProfileItemKind.Channel, "is null");
                continue;
            }

            var label = string.IsNullOrEmpty(document.Id) ? position : document.Id;
            var errorsBefore = _errors.Count;
            _errors.ReportUnknown(document.UnknownProperties, label, ProfileItemKind.Channel, "");

            if (string.IsNullOrEmpty(document.Id))
            {
                _errors.Add(label, ProfileItemKind.Channel, "id is missing");
            }
            else if (!ProfilePatterns.ItemId().IsMatch(document.Id))
            {
                _errors.Add(label, ProfileItemKind.Channel, "id must use only a-z, 0-9, '_' and '-'");
            }
            else if (channelIds.TryGetValue(document.Id, out var first))
            {
                _errors.Add(label, ProfileItemKind.Channel, $"id is also used by channels[{first}]");
            }
            else
            {
                channelIds.Add(document.Id, index);
            }

            if (string.IsNullOrEmpty(document.Code))
            {
                _errors.Add(label, ProfileItemKind.Channel, "code is missing");
            }
            else if (document.RunState is not null)
            {
                if (!EquipmentCode().IsMatch(document.Code))
                {
                    _errors.Add(label, ProfileItemKind.Channel, $"code '{document.Code}' is not an HJ 212 equipment code (SB and 1 to 3 digits, e.g. SB1); a channel with runState reports a treatment facility's state");
                }
            }
            else if (!FactorCode().IsMatch(document.Code))
            {
                _errors.Add(label, ProfileItemKind.Channel, $"code '{document.Code}' is not an HJ 212 factor code (a lower-case letter and five digits, e.g. a21026)");
            }

            if (string.IsNullOrWhiteSpace(document.Name))
            {
                _errors.Add(label, ProfileItemKind.Channel, "name is missing");
            }

            var table = _errors.ParseTable(document.Table, label, ProfileItemKind.Channel);
            var type = _errors.ParseType(document.Type, label, ProfileItemKind.Channel);
            var address = _errors.CheckAddress(document.Address, label, ProfileItemKind.Channel, "");
            var byteOrder = _errors.ParseByteOrder(document.ByteOrder, label, ProfileItemKind.Channel, "") ?? defaults.ByteOrder;
            // A channel with other errors still takes part in the overlap check if its registers are known,
            // so fixing its scale does not reveal a new error on the next run.
            if (table is { } placedTable && type is { } placedType && address is { } placedAddress
                && _errors.CheckTableFitsType(placedTable, placedType, label, ProfileItemKind.Channel, "")
                && _errors.CheckSpan(placedTable, placedAddress, placedType, defaults, label, ProfileItemKind.Channel, ""))
            {
                spans.Add(new OwnedSpan(placedTable, placedAddress, ModbusValueCodec.RegisterCount(placedType), label, ProfileItemKind.Channel, SharesRegister: placedType == ModbusDataType.Bit, spans.Count));
            }

            if (type == ModbusDataType.Bit)
            {
                if (document.Bit is null)
                {
                    _errors.Add(label, ProfileItemKind.Channel, "type 'bit' needs a bit (0..15)");
                }
                else if (document.Bit is < 0 or > 15)
                {
                    _errors.Add(label, ProfileItemKind.Channel, $"bit {document.Bit} is not within 0..15");
                }
            }
            else if (type is not null && document.Bit is not null)
            {
                _errors.Add(label, ProfileItemKind.Channel, $"bit is only for type 'bit', not '{document.Type}'");
            }

            if (document.Scale == 0)
            {
                _errors.Add(label, ProfileItemKind.Channel, "scale must not be 0 (engineering = raw × scale + offset)");
            }

            // The reader turns 1e400 into infinity rather than failing.
            if (document.Scale is { } scale && !double.IsFinite(scale))
            {
                _errors.Add(label, ProfileItemKind.Channel, "scale is too large");
            }

            if (document.Offset is { } offset && !double.IsFinite(offset))
            {
                _errors.Add(label, ProfileItemKind.Channel, "offset is too large");
            }

            var range = CheckRange(document.Range, label);
            if (document.TotalOf is not null && document.RunState is not null)
            {
                _errors.Add(label, ProfileItemKind.Channel, "totalOf does not go with runState: a facility's state is not a counter");
            }

            var runStates = CheckRunState(document, type, label);

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
                range,
                runStates,
                document.TotalOf);
            if (CheckUnit(channel, label) is { } checkedChannel)
            {
                channels.Add(checkedChannel);
            }
        }

        CheckTotals(channels);
        return channels;
    }

    // A unit HJ 212 does not use for the code is an error; ppm of a gas with a known molar mass becomes mg/m³ here, in
    // the scale, offset and range, so decoding, calibration, range checks and averages all work in mg/m³.
    private ProfileChannel? CheckUnit(ProfileChannel channel, string label)
    {
        if (channel.IsRunState)
        {
            return channel;
        }

        // No unit given: the one HJ 212 gives the code (its -Cou unit for a totaliser).
        if (channel.Unit.Length == 0 && FactorUnits.Find(channel.Code) is { } known)
        {
            return channel with { Unit = (channel.IsTotal ? known.CumulativeUnit : known.Unit) ?? "" };
        }

        if (FactorUnits.Mismatch(channel.Code, channel.Unit, channel.IsTotal) is { } problem)
        {
            _errors.Add(label, ProfileItemKind.Channel, problem);
            return null;
        }

        if (channel.IsTotal || !FactorUnits.IsPartsPerMillion(channel.Unit) || FactorUnits.Find(channel.Code) is not { MolarMass: { } molarMass } factor)
        {
            return channel;
        }

        var perPpm = FactorUnits.MilligramsPerCubicMetrePerPpm(molarMass);
        return channel with
        {
            Unit = factor.Unit,
            Scale = channel.Scale * perPpm,
            Offset = channel.Offset * perPpm,
            Range = channel.Range is { } range ? new MeasuringRange(range.Min * perPpm, range.Max * perPpm) : null,
        };
    }

    // A totaliser counts up a rate channel of the same profile and shares its code: flow-total (m³) of flow (a00000).
    private void CheckTotals(List<ProfileChannel> channels)
    {
        foreach (var total in channels.Where(channel => channel.IsTotal).ToArray())
        {
            var rate = channels.FirstOrDefault(channel => channel.Id == total.TotalOf);
            string? problem = rate switch
            {
                null => $"totalOf '{total.TotalOf}' is not a channel of this profile",
                _ when ReferenceEquals(rate, total) => "totalOf names the channel itself; it names the rate channel this totaliser counts up",
                { IsTotal: true } => $"totalOf '{rate.Id}' is itself a totaliser; it names the rate channel this totaliser counts up",
                { IsRunState: true } => $"totalOf '{rate.Id}' is a run-state channel, not a rate",
                _ when rate.Code != total.Code => $"code '{total.Code}' differs from '{rate.Code}' of its rate channel '{rate.Id}'; a totaliser has its rate's code (its increase is {rate.Code}-Cou)",
                _ => null,
            };
            if (problem is not null)
            {
                _errors.Add(total.Id, ProfileItemKind.Channel, problem);
                channels.Remove(total);
            }
        }
    }

    private MeasuringRange? CheckRange(RangeDocument? document, string label)
    {
        if (document is null)
        {
            return null;
        }

        _errors.ReportUnknown(document.UnknownProperties, label, ProfileItemKind.Channel, "range: ");
        if (document.Min is null || document.Max is null)
        {
            _errors.Add(label, ProfileItemKind.Channel, "range needs both min and max");
            return null;
        }

        if (!double.IsFinite(document.Min.Value) || !double.IsFinite(document.Max.Value))
        {
            _errors.Add(label, ProfileItemKind.Channel, "range min and max must be finite numbers");
            return null;
        }

        if (document.Min >= document.Max)
        {
            _errors.Add(label, ProfileItemKind.Channel, $"range min {Format(document.Min.Value)} is not below max {Format(document.Max.Value)}");
            return null;
        }

        return new MeasuringRange(document.Min.Value, document.Max.Value);
    }

    // A run-state channel's register value is looked up, not scaled: scale, offset, range and unit would mean nothing.
    private Dictionary<long, EquipmentRunState>? CheckRunState(ChannelDocument document, ModbusDataType? type, string label)
    {
        if (document.RunState is not { } map)
        {
            return null;
        }

        foreach (var (field, isSet) in (ReadOnlySpan<(string, bool)>)[("scale", document.Scale is not null), ("offset", document.Offset is not null), ("range", document.Range is not null), ("unit", !string.IsNullOrEmpty(document.Unit))])
        {
            if (isSet)
            {
                _errors.Add(label, ProfileItemKind.Channel, $"{field} does not apply with runState: the register value is looked up in runState, not measured");
            }
        }

        if (type is ModbusDataType.F32 or ModbusDataType.F64)
        {
            _errors.Add(label, ProfileItemKind.Channel, $"runState needs an integer type (u16, i16, u32, i32, u64, i64, bool or bit), not '{document.Type}'");
        }

        if (map.Count == 0)
        {
            _errors.Add(label, ProfileItemKind.Channel, $"runState is empty; it maps register values to {ProfileNames.RunStates}");
            return null;
        }

        var states = new Dictionary<long, EquipmentRunState>();
        foreach (var (value, name) in map)
        {
            if (!RegisterValue().IsMatch(value) || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var registerValue))
            {
                _errors.Add(label, ProfileItemKind.Channel, $"runState: '{value}' is not a register value (a decimal integer)");
                continue;
            }

            if (ProfileNames.ParseRunState(name ?? "") is not { } state)
            {
                _errors.Add(label, ProfileItemKind.Channel, $"runState: '{name}' for {value} is not one of {ProfileNames.RunStates}");
                continue;
            }

            states[registerValue] = state;
        }

        return states;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    // [0-9], not \d: \d also matches other scripts' digits.
    [GeneratedRegex("^[a-z][0-9]{5}$")]
    private static partial Regex FactorCode();

    // HJ 212 names a treatment facility SBxxx (SB1, SB2, …) in SBxxx-RS and SBxxx-RT.
    [GeneratedRegex("^SB[0-9]{1,3}$")]
    private static partial Regex EquipmentCode();

    [GeneratedRegex("^-?[0-9]+$")]
    private static partial Regex RegisterValue();
}
