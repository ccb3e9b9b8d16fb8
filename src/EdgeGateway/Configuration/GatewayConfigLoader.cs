using System.Text.Json;
using EdgeGateway.Configuration.Documents;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Configuration;

/// <summary>
/// Reads the site configuration: the JSON file (comments and trailing commas allowed), then <c>EGW_</c> environment
/// variables on top (<c>EGW_uplink__broker</c>), checks its shape, binds it (the configuration binder source
/// generator: no reflection) and resolves it into <see cref="GatewaySettings"/>, or lists every problem at once.
/// </summary>
internal static class GatewayConfigLoader
{
    public const string DefaultConfigFile = "/etc/edge-gateway/gateway.json";

    public const string EnvironmentPrefix = "EGW_";

    /// <summary>Where device profiles are looked for when the config names none: the site's own first.</summary>
    public static IReadOnlyList<string> DefaultProfileDirectories =>
    [
        "/etc/edge-gateway/profiles",
        Path.Combine(AppContext.BaseDirectory, "profiles"),
        "/usr/share/edge-gateway/profiles",
    ];

    /// <summary>Where limit presets are looked for when the config names none: the site's own first.</summary>
    public static IReadOnlyList<string> DefaultLimitPresetDirectories =>
    [
        "/etc/edge-gateway/limits",
        Path.Combine(AppContext.BaseDirectory, "limits"),
        "/usr/share/edge-gateway/limits",
    ];

    public static GatewaySettings? Load(string configFile, string softwareVersion, out IReadOnlyList<ConfigError> errors) =>
        Load(configFile, softwareVersion, DefaultProfileDirectories, out errors);

    public static GatewaySettings? Load(string configFile, string softwareVersion, IReadOnlyList<string> defaultProfileDirectories, out IReadOnlyList<ConfigError> errors)
    {
        var fullPath = Path.GetFullPath(configFile);
        if (!File.Exists(fullPath))
        {
            errors = [new ConfigError("(file)", Directory.Exists(fullPath) ? "is a directory, not a config file" : "config file not found", fullPath)];
            return null;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors = [new ConfigError("(file)", $"cannot be read: {exception.Message}", fullPath)];
            return null;
        }

        var syntaxErrors = ConfigFileSyntax.Check(content, fullPath);
        if (syntaxErrors.Count > 0)
        {
            errors = syntaxErrors;
            return null;
        }

        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder()
                .AddJsonFile(fullPath, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or JsonException or IOException or UnauthorizedAccessException)
        {
            // The JSON provider names the line and position of a syntax error in its message or inner exception.
            var detail = exception.InnerException is JsonException json ? json.Message : exception.Message;
            errors = [new ConfigError("(file)", $"cannot be read: {detail}", fullPath)];
            return null;
        }

        var sources = new ConfigSources(root, fullPath, EnvironmentPrefix);
        var checker = new ConfigurationShapeChecker(sources);
        var shapeErrors = checker.Check(root);

        // Bind without the values found wrong, so the resolver still checks everything else and all problems are
        // listed in one pass.
        IConfiguration bindable = root;
        if (checker.RejectedPaths.Count > 0)
        {
            bindable = new ConfigurationBuilder()
                .AddInMemoryCollection(root.AsEnumerable().Where(pair => pair.Value is not null && !checker.RejectedPaths.Any(rejected =>
                    string.Equals(pair.Key, rejected, StringComparison.OrdinalIgnoreCase) || pair.Key.StartsWith(rejected + ":", StringComparison.OrdinalIgnoreCase))))
                .Build();
        }

        var document = bindable.Get<GatewayConfigDocument>() ?? new GatewayConfigDocument();
        var settings = new GatewaySettingsResolver(sources, defaultProfileDirectories, DefaultLimitPresetDirectories, softwareVersion).Resolve(document, out var resolveErrors);
        // A value left out for its wrong type is reported there; the resolver finding it missing is no second problem.
        errors = [.. shapeErrors, .. resolveErrors.Where(error => !shapeErrors.Any(shape => shape.Key == error.Key))];
        return errors.Count == 0 ? settings : null;
    }
}
