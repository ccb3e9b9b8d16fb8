using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.WebConsole;

/// <summary>
/// Reads <c>control.socket</c> and the <c>console</c> section of gateway.json (comments and trailing commas allowed, keys
/// matched regardless of case, as the service reads them; an <c>EGW_console__listen</c>-style environment variable
/// overrides a key, as for the service) and applies <see cref="ConsoleSettingsCheck"/>. Every other section is the
/// service's business and is not looked at.
/// </summary>
internal static class ConsoleConfigReader
{
    private const string EnvironmentPrefix = "EGW_";

    /// <summary>The configuration, or null with every problem as "FILE: KEY: MESSAGE".</summary>
    public static ConsoleConfiguration? Read(string configFile, out IReadOnlyList<string> problems)
    {
        var fullPath = Path.GetFullPath(configFile);
        if (!File.Exists(fullPath))
        {
            problems = [$"{fullPath}: config file not found"];
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(fullPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            problems = [$"{fullPath}: cannot be read: {exception.Message}"];
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems = [$"{fullPath}: cannot be read: {exception.Message}"];
            return null;
        }

        using (document)
        {
            var found = new List<string>();
            var root = document.RootElement;
            var socket = Text(root, fullPath, found, "control", "socket") ?? ControlProtocol.DefaultSocketPath;
            var settings = new ConsoleSettings(
                Text(root, fullPath, found, "console", "listen") ?? ConsoleSettings.DefaultListen,
                Text(root, fullPath, found, "console", "usersFile") ?? ConsoleSettings.DefaultUsersFile,
                Tls(root, fullPath, found));
            foreach (var problem in ConsoleSettingsCheck.Check(settings))
            {
                found.Add($"{SourceOf(fullPath, problem.Key)}: {Display(problem.Key)}: {problem.Message}");
            }

            problems = found;
            return found.Count == 0 ? new ConsoleConfiguration(fullPath, socket, settings) : null;
        }
    }

    /// <summary><c>console:tls:key</c> as gateway.json's readers write it: <c>console.tls.key</c>.</summary>
    public static string Display(string key) => key.Replace(':', '.');

    private static ConsoleTlsSettings? Tls(JsonElement root, string file, List<string> found)
    {
        var certificate = Text(root, file, found, "console", "tls", "certificate");
        var key = Text(root, file, found, "console", "tls", "key");
        return certificate is null && key is null && Find(root, "console", "tls") is null ? null : new ConsoleTlsSettings(certificate, key);
    }

    private static string? Text(JsonElement root, string file, List<string> found, params string[] path)
    {
        var variable = EnvironmentPrefix + string.Join("__", path);
        if (Environment.GetEnvironmentVariable(variable) is { } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Find(root, path) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            found.Add($"{file}: {string.Join('.', path)}: expected a string, found {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}");
            return null;
        }

        return value.GetString();
    }

    private static JsonElement? Find(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement? next = null;
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    next = property.Value;
                }
            }

            if (next is not { } found)
            {
                return null;
            }

            element = found;
        }

        return element;
    }

    private static string SourceOf(string file, string key) =>
        Environment.GetEnvironmentVariable(EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal)) is null
            ? file
            : "environment variable " + EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal);
}
