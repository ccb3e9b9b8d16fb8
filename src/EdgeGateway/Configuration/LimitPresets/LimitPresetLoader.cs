using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Configuration.LimitPresets;

/// <summary>
/// Reads limit presets (<c>hardware/limits/*.json</c>) through the source-generated <see cref="LimitPresetJsonContext"/>
/// and checks them, collecting every problem of every file, each naming its file.
/// </summary>
internal static partial class LimitPresetLoader
{
    /// <summary>Files ending so in a preset directory are JSON Schemas, not presets, and are skipped.</summary>
    public const string SchemaFileSuffix = ".schema.json";

    /// <summary>Loads every <c>*.json</c> directly in <paramref name="directory"/> except <c>*.schema.json</c>, in ordinal file-name order.</summary>
    /// <returns>True when there are no problems; the valid presets are returned either way.</returns>
    public static bool TryLoadDirectory(string directory, out IReadOnlyList<LimitPreset> presets, out IReadOnlyList<LimitPresetError> errors)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var loaded = new List<LimitPreset>();
        var problems = new List<LimitPresetError>();
        presets = loaded;
        errors = problems;
        string[] files;
        try
        {
            files = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add(new LimitPresetError(directory, $"cannot list the preset directory: {exception.Message}"));
            return false;
        }

        foreach (var file in files.Where(file => !file.EndsWith(SchemaFileSuffix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            if (TryLoadFile(file, problems) is { } preset)
            {
                loaded.Add(preset);
            }
        }

        return problems.Count == 0;
    }

    /// <summary>Reads and checks one file; null, with the problems added to <paramref name="errors"/>, when it is not a valid preset.</summary>
    public static LimitPreset? TryLoadFile(string file, List<LimitPresetError> errors)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(errors);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add(new LimitPresetError(file, $"cannot read the file: {exception.Message}"));
            return null;
        }

        return Parse(content, file, Path.GetFileNameWithoutExtension(file), errors);
    }

    /// <summary>Parses and checks preset text; <paramref name="file"/> names it in errors, <paramref name="expectedName"/> is what its name must be.</summary>
    public static LimitPreset? Parse(ReadOnlySpan<byte> utf8Json, string file, string expectedName, List<LimitPresetError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);

        // Editors on Windows save a BOM; the span overload of the serializer would reject it as a bad token.
        if (utf8Json.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8Json = utf8Json[Encoding.UTF8.Preamble.Length..];
        }

        LimitPresetDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, LimitPresetJsonContext.Default.LimitPresetDocument);
        }
        catch (JsonException exception)
        {
            var message = exception.Message;
            var details = message.IndexOf(" Path: ", StringComparison.Ordinal);
            var location = exception.LineNumber is { } line ? $" at line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}" : "";
            errors.Add(new LimitPresetError(file, $"malformed JSON{location}: {(details >= 0 ? message[..details] : message).TrimEnd()}"));
            return null;
        }

        if (document is null)
        {
            errors.Add(new LimitPresetError(file, "the file holds null, not a preset object"));
            return null;
        }

        return Check(document, file, expectedName, errors);
    }

    private static LimitPreset? Check(LimitPresetDocument document, string file, string expectedName, List<LimitPresetError> errors)
    {
        var before = errors.Count;
        void Add(string message) => errors.Add(new LimitPresetError(file, message));

        foreach (var unknown in document.UnknownProperties?.Keys ?? Enumerable.Empty<string>())
        {
            Add($"unknown property '{unknown}'; known: name, description, source, referenceOxygenPercent, limits");
        }

        if (string.IsNullOrWhiteSpace(document.Name))
        {
            Add($"name is required: '{expectedName}', the file name");
        }
        else if (!string.Equals(document.Name, expectedName, StringComparison.Ordinal))
        {
            // gateway.json names a preset by its file name, so a different name inside would mislead a reader.
            Add($"name '{document.Name}' is not the file name '{expectedName}'");
        }

        if (string.IsNullOrWhiteSpace(document.Description))
        {
            Add("description is required: what the limits are, and that the site's permit counts");
        }

        if (string.IsNullOrWhiteSpace(document.Source))
        {
            Add("source is required: the standard or document the values come from");
        }

        if (document.ReferenceOxygenPercent is { } reference && (!double.IsFinite(reference) || reference <= 0 || reference >= 21))
        {
            Add($"referenceOxygenPercent {reference} must be between 0 and 21 (%)");
        }

        var entries = new List<LimitPresetEntry>();
        if (document.Limits is null || document.Limits.Count == 0)
        {
            Add("limits is required: at least one limit, keyed by HJ 212 pollutant code");
        }

        foreach (var (code, entry) in document.Limits ?? Enumerable.Empty<KeyValuePair<string, LimitPresetEntryDocument?>>())
        {
            if (Check(code, entry, Add) is { } checkedEntry)
            {
                entries.Add(checkedEntry);
            }
        }

        return errors.Count > before
            ? null
            : new LimitPreset(document.Name!, document.Description!, document.Source!, document.ReferenceOxygenPercent, entries, file);
    }

    private static LimitPresetEntry? Check(string code, LimitPresetEntryDocument? entry, Action<string> add)
    {
        var valid = true;
        void Problem(string message)
        {
            add($"{code}: {message}");
            valid = false;
        }

        if (!PollutantCodePattern().IsMatch(code))
        {
            Problem("is not an HJ 212 pollutant code such as a21026 or w01018");
        }

        if (entry is null)
        {
            Problem("expected an object: quantity, limit, unit");
            return null;
        }

        foreach (var unknown in entry.UnknownProperties?.Keys ?? Enumerable.Empty<string>())
        {
            Problem($"unknown property '{unknown}'; known: name, quantity, limit, unit, preWarning, preWarningWindow, hysteresis");
        }

        var quantity = default(LimitQuantity);
        if (entry.Quantity is null)
        {
            Problem($"quantity is required: {LimitQuantityNames.Hint}");
        }
        else if (!LimitQuantityNames.TryParse(entry.Quantity, out quantity))
        {
            Problem($"quantity '{entry.Quantity}' is not one of: {LimitQuantityNames.Hint}");
        }

        if (entry.Limit is not { } limit || !double.IsFinite(limit) || limit <= 0)
        {
            Problem("limit is required: a positive number in unit");
            limit = 0;
        }

        if (string.IsNullOrWhiteSpace(entry.Unit))
        {
            Problem("unit is required, so that a channel in another unit is caught");
        }

        if (entry.PreWarning is { } fraction && (!double.IsFinite(fraction) || fraction < 0 || fraction >= 1))
        {
            Problem($"preWarning {fraction} must be 0 (none) or a fraction below 1, e.g. 0.8");
        }

        TimeSpan? window = null;
        if (entry.PreWarningWindow is not null)
        {
            if (!ConfigValues.TryParseDuration(entry.PreWarningWindow, out var parsed))
            {
                Problem($"preWarningWindow '{entry.PreWarningWindow}' is not {ConfigValues.DurationHint}");
            }
            else if (parsed < TimeSpan.FromMinutes(1) || parsed > TimeSpan.FromHours(24))
            {
                Problem($"preWarningWindow {entry.PreWarningWindow} is out of range: from 1m to 24h");
            }
            else
            {
                window = parsed;
            }
        }

        if (entry.Hysteresis is { } hysteresis && (!double.IsFinite(hysteresis) || hysteresis < 0 || hysteresis > 0.5))
        {
            Problem($"hysteresis {hysteresis} must be 0 to 0.5");
        }

        return valid
            ? new LimitPresetEntry(code, quantity, entry.Quantity!.Trim(), limit, entry.Unit!.Trim(), entry.PreWarning, window, entry.Hysteresis)
            : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9]{5}$")]
    private static partial Regex PollutantCodePattern();
}
