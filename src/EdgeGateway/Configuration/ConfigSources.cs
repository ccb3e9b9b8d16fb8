using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace EdgeGateway.Configuration;

/// <summary>Names where a configuration value came from: the JSON file or the EGW_ environment variable that set it last.</summary>
internal sealed class ConfigSources(IConfigurationRoot root, string configFile, string environmentPrefix)
{
    public string ConfigFile { get; } = configFile;

    /// <summary>The source of the value at <paramref name="configurationPath"/> (or of the first value under it).</summary>
    public string Of(string configurationPath)
    {
        var leaf = FirstLeaf(root.GetSection(configurationPath)) ?? configurationPath;
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(leaf, out _))
            {
                return provider switch
                {
                    EnvironmentVariablesConfigurationProvider => "environment variable " + environmentPrefix + leaf.Replace(":", "__", StringComparison.Ordinal),
                    _ => ConfigFile,
                };
            }
        }

        return ConfigFile;
    }

    /// <summary>Whether the value at <paramref name="configurationPath"/> was set by an environment variable.</summary>
    public bool IsFromEnvironment(string configurationPath) =>
        Of(configurationPath).StartsWith("environment variable ", StringComparison.Ordinal);

    /// <summary>An error for the value at <paramref name="configurationPath"/>, with its source.</summary>
    public ConfigError Error(string configurationPath, string message) =>
        new(ConfigKeyPath.ToDisplay(configurationPath), message, Of(configurationPath));

    private static string? FirstLeaf(IConfigurationSection section)
    {
        if (section.Value is not null)
        {
            return section.Path;
        }

        foreach (var child in section.GetChildren())
        {
            if (FirstLeaf(child) is { } leaf)
            {
                return leaf;
            }
        }

        return null;
    }
}
