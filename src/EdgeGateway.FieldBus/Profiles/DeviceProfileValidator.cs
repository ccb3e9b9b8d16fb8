using System.Text.RegularExpressions;
using EdgeGateway.FieldBus.Profiles.Documents;
using EdgeGateway.Modbus.Protocol;

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

    private readonly string _file;
    private readonly ProfileErrorCollector _errors;

    private DeviceProfileValidator(string file)
    {
        _file = file;
        _errors = new ProfileErrorCollector(file);
    }

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
        return validator._errors.Errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex ModelPattern();

    private DeviceProfile? Check(ProfileDocument document)
    {
        _errors.ReportUnknown(document.UnknownProperties, null, ProfileItemKind.Profile, "");

        var model = document.Model;
        if (string.IsNullOrWhiteSpace(model))
        {
            _errors.AddProfileError("model is missing");
        }
        else if (!ModelPattern().IsMatch(model))
        {
            _errors.AddProfileError($"model '{model}' must match [a-z0-9][a-z0-9._-]*");
        }

        DeviceKind? kind = null;
        if (document.Kind is null)
        {
            _errors.AddProfileError($"kind is missing; one of {ProfileNames.Kinds}");
        }
        else
        {
            kind = ProfileNames.ParseKind(document.Kind);
            if (kind is null)
            {
                _errors.AddProfileError($"kind '{document.Kind}' is not one of {ProfileNames.Kinds}");
            }
        }

        var defaults = CheckDefaults(document.Defaults);
        var spans = new List<OwnedSpan>();
        var channels = new ChannelDocumentValidator(_errors).Check(document.Channels, defaults, spans, out var channelIds);
        var status = new StatusWordValidator(_errors).Check(document.Status, defaults, spans, channelIds, [.. channels.Select(channel => channel.Id)]);
        ReportOverlaps(spans);
        var commands = new CommandDocumentValidator(_errors).Check(document.Commands, defaults);

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

        _errors.ReportUnknown(document.UnknownProperties, null, ProfileItemKind.Profile, "defaults: ");
        var byteOrder = _errors.ParseByteOrder(document.ByteOrder, null, ProfileItemKind.Profile, "defaults: ") ?? standard.ByteOrder;
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
            _errors.AddProfileError($"defaults: {name} {value} is not within {lowest}..{highest}");
            return fallback;
        }

        return value.Value;
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
                _errors.Add(span.Owner, span.Kind, $"{ProfileNames.DescribeSpan(span.Table, span.Address, span.Length)} {verb} {otherKind} '{other.Owner}' ({ProfileNames.DescribeSpan(other.Table, other.Address, other.Length)})");
            }

            if (span.End > other.End)
            {
                reach = span;
            }
        }
    }
}
