namespace EdgeGateway.Configuration;

/// <summary>An object or array open while <see cref="ConfigFileSyntax"/> reads gateway.json.</summary>
internal sealed class ConfigSyntaxFrame
{
    private ConfigSyntaxFrame(string path, Dictionary<string, int>? keys)
    {
        Path = path;
        Keys = keys;
    }

    /// <summary>Its configuration path (<c>buses:0</c>).</summary>
    public string Path { get; }

    /// <summary>An object's keys so far, each with its line; null for an array.</summary>
    public Dictionary<string, int>? Keys { get; }

    /// <summary>An array's next element index.</summary>
    public int NextIndex { get; set; }

    public static ConfigSyntaxFrame Object(string path) => new(path, new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase));

    public static ConfigSyntaxFrame Array(string path) => new(path, null);
}
