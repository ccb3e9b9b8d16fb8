using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeGateway.FieldBus.Profiles.Documents;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// Reads device profiles from JSON files (one profile per file) or from every <c>*.json</c> of a directory,
/// through the source-generated <see cref="ProfileJsonContext"/>, and validates them with <see cref="DeviceProfileValidator"/>.
/// The <c>Load…</c> methods throw a <see cref="ProfileException"/> carrying every problem; the <c>Try…</c> methods return them.
/// </summary>
public static partial class DeviceProfileLoader
{
    /// <summary>Files ending so in a profile directory are JSON Schemas, not profiles, and are skipped.</summary>
    public const string SchemaFileSuffix = ".schema.json";

    /// <summary>Loads one file, or every profile of a directory.</summary>
    /// <exception cref="ProfileException">Any file is unreadable or invalid; lists every problem of every file.</exception>
    public static IReadOnlyList<DeviceProfile> Load(string path) =>
        TryLoad(path, out var profiles, out var errors) ? profiles : throw new ProfileException(errors);

    /// <summary>Loads one file, or every profile of a directory, collecting problems instead of throwing.</summary>
    /// <returns>True when there are no problems; the profiles that did load are returned either way.</returns>
    public static bool TryLoad(string path, out IReadOnlyList<DeviceProfile> profiles, out IReadOnlyList<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return TryLoadDirectory(path, out profiles, out errors);
        }

        var loaded = TryLoadFile(path, out var profile, out errors);
        profiles = profile is null ? [] : [profile];
        return loaded;
    }

    /// <exception cref="ProfileException">The file is unreadable or invalid.</exception>
    public static DeviceProfile LoadFile(string file) =>
        TryLoadFile(file, out var profile, out var errors) ? profile : throw new ProfileException(errors);

    public static bool TryLoadFile(string file, [NotNullWhen(true)] out DeviceProfile? profile, out IReadOnlyList<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(file);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            profile = null;
            errors = [new ProfileError(file, null, $"cannot read the file: {exception.Message}", ProfileItemKind.Profile)];
            return false;
        }

        return TryParse(content, file, out profile, out errors);
    }

    /// <summary>Loads every <c>*.json</c> directly in <paramref name="directory"/> except <c>*.schema.json</c>, in ordinal file-name order.</summary>
    /// <exception cref="ProfileException">Any file is unreadable or invalid, or two files define the same model.</exception>
    public static IReadOnlyList<DeviceProfile> LoadDirectory(string directory) =>
        TryLoadDirectory(directory, out var profiles, out var errors) ? profiles : throw new ProfileException(errors);

    /// <returns>True when there are no problems; the valid profiles are returned either way, so a caller may run with those.</returns>
    public static bool TryLoadDirectory(string directory, out IReadOnlyList<DeviceProfile> profiles, out IReadOnlyList<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var loaded = new List<DeviceProfile>();
        var problems = new List<ProfileError>();
        profiles = loaded;
        errors = problems;
        if (!Directory.Exists(directory))
        {
            problems.Add(new ProfileError(directory, null, "profile directory not found", ProfileItemKind.Profile));
            return false;
        }

        var files = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Where(file => !file.EndsWith(SchemaFileSuffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        var modelFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!TryLoadFile(file, out var profile, out var fileErrors))
            {
                problems.AddRange(fileErrors);
                continue;
            }

            if (modelFiles.TryGetValue(profile.Model, out var first))
            {
                problems.Add(new ProfileError(file, null, $"model '{profile.Model}' is already defined in {first}", ProfileItemKind.Profile));
                continue;
            }

            modelFiles.Add(profile.Model, file);
            loaded.Add(profile);
        }

        return problems.Count == 0;
    }

    /// <summary>Parses and validates profile text; <paramref name="file"/> only names it in errors.</summary>
    /// <exception cref="ProfileException">The text is malformed or the profile invalid.</exception>
    public static DeviceProfile Parse(string json, string file) =>
        TryParse(json, file, out var profile, out var errors) ? profile : throw new ProfileException(errors);

    public static bool TryParse(string json, string file, [NotNullWhen(true)] out DeviceProfile? profile, out IReadOnlyList<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(Encoding.UTF8.GetBytes(json), file, out profile, out errors);
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8Json, string file, [NotNullWhen(true)] out DeviceProfile? profile, out IReadOnlyList<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(file);
        profile = null;
        // Editors on Windows save a BOM; the span overload of the serializer would reject it as a bad token.
        if (utf8Json.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8Json = utf8Json[Encoding.UTF8.Preamble.Length..];
        }

        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors = [new ProfileError(file, null, "the file is empty", ProfileItemKind.Profile)];
            return false;
        }

        ProfileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, ProfileJsonContext.Default.ProfileDocument);
        }
        catch (JsonException exception)
        {
            errors = [new ProfileError(file, null, DescribeMalformed(exception), ProfileItemKind.Profile)];
            return false;
        }

        if (document is null)
        {
            errors = [new ProfileError(file, null, "the file holds null, not a profile object", ProfileItemKind.Profile)];
            return false;
        }

        errors = DeviceProfileValidator.Validate(document, file, out profile);
        return profile is not null;
    }

    /// <summary>
    /// "malformed JSON at line 7, position 18 ($.channels[0].address): expected a number, not a string". Line and
    /// position are 1-based, as editors show them; for a value of the wrong type the serializer reports the position
    /// just after the value. Syntax errors keep the reader's own wording.
    /// </summary>
    private static string DescribeMalformed(JsonException exception)
    {
        var message = exception.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        // For a value of the wrong JSON type the serializer names the .NET type it was filling; the inner
        // exception, when there is one, says what was wrong with the value itself.
        const string conversion = "The JSON value could not be converted to ";
        if (message.StartsWith(conversion, StringComparison.Ordinal))
        {
            var target = message[conversion.Length..];
            message = exception.InnerException switch
            {
                InvalidOperationException inner when TokenMismatch().Match(inner.Message) is { Success: true } match =>
                    $"expected {DescribeToken(match.Groups["wanted"].Value)}, not {DescribeToken(match.Groups["found"].Value)}",
                FormatException => "expected an integer within the 32-bit range",
                _ when target.Contains("IReadOnlyList", StringComparison.Ordinal) => "expected an array",
                _ when target.Contains("IReadOnlyDictionary", StringComparison.Ordinal) || target.Contains("Document", StringComparison.Ordinal) => "expected an object",
                _ => message,
            };
        }

        var location = exception.LineNumber is { } line
            ? $" at line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}"
            : "";
        var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "" : $" ({exception.Path})";
        return $"malformed JSON{location}{path}: {message.TrimEnd()}";
    }

    [GeneratedRegex(@"^Cannot get the value of a token type '(?<found>\w+)' as a (?<wanted>\w+)\.")]
    private static partial Regex TokenMismatch();

    private static string DescribeToken(string token) => token switch
    {
        "String" or "string" => "a string",
        "Number" or "number" => "a number",
        "True" => "true",
        "False" => "false",
        "boolean" => "true or false",
        "Null" => "null",
        "StartObject" => "an object",
        "StartArray" => "an array",
        _ => token,
    };
}
