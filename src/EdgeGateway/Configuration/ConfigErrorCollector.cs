namespace EdgeGateway.Configuration;

/// <summary>
/// The problems of one resolution of gateway.json, in the order the section resolvers find them, each with its key
/// path and source; and the checked readers of plain values (required, duration, whole number, choice, path) that the
/// sections share, so a bad value reads the same wherever it is.
/// </summary>
internal sealed class ConfigErrorCollector(ConfigSources sources)
{
    private readonly List<ConfigError> _errors = [];

    // Devices declared on a bus but left out for an error of their own (unknown profile, bad slave): a reference to
    // one is not reported again as "no device", so the device's own error is the one that shows.
    private readonly HashSet<string> _devicesInError = new(StringComparer.Ordinal);

    public ConfigSources Sources => sources;

    /// <summary>How many problems were found so far.</summary>
    public int Count => _errors.Count;

    /// <summary>The problems found, in order.</summary>
    public IReadOnlyList<ConfigError> ToList() => [.. _errors];

    public void Error(string key, string message) => _errors.Add(sources.Error(key, message));

    /// <summary>A problem already named (a profile or preset file's own), with its own key and file.</summary>
    public void Add(ConfigError error) => _errors.Add(error);

    /// <summary>Records a device left out for an error of its own, so that references to it stay quiet.</summary>
    public void DeviceInError(string name) => _devicesInError.Add(name);

    public void NoSuchDevice(string key, string name)
    {
        if (!_devicesInError.Contains(name))
        {
            Error(key, $"no device '{name}' on any bus");
        }
    }

    public void NoSuchChannel(string key, string channelKey, string message)
    {
        var device = channelKey.Split('.', 2)[0];
        if (!_devicesInError.Contains(device))
        {
            Error(key, message);
        }
    }

    public string? Required(string? value, string key, string why)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(key, $"is required: {why}");
            return null;
        }

        return value;
    }

    public TimeSpan Duration(string? text, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!ConfigValues.TryParseDuration(text, out var duration))
        {
            Error(key, $"'{text}' is not {ConfigValues.DurationHint}");
            return fallback;
        }

        if (duration < min || duration > max)
        {
            Error(key, $"{text} is out of range: from {ConfigValues.Format(min)} to {ConfigValues.Format(max)}");
            return fallback;
        }

        return duration;
    }

    public int Whole(int? value, string key, int? fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback ?? 0;
        }

        if (value < min || value > max)
        {
            Error(key, $"{value} is out of range: from {min} to {max}");
            return fallback ?? 0;
        }

        return value.Value;
    }

    public T Choice<T>(string? text, string key, T fallback, params (string Name, T Value)[] choices)
    {
        if (text is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Error(key, $"'{text}' is not one of: {string.Join(", ", choices.Select(choice => choice.Name).Distinct())}");
        return fallback;
    }

    // An empty path would mean the working directory, or fail only when the service opens it.
    public string NonBlankPath(string? path, string key, string fallback)
    {
        if (path is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            Error(key, $"must not be empty (unset means {fallback})");
            return fallback;
        }

        return path;
    }

    /// <summary>
    /// The directories a list key names, or its defaults, that exist, in order, each with the key its problems are
    /// reported under. A configured directory that does not exist is an error (a default one may be absent), and so is
    /// finding none at all.
    /// </summary>
    public List<(string Directory, string Key)> SearchDirectories(List<string>? configured, IReadOnlyList<string> defaults, string key, string what)
    {
        var directories = configured ?? [.. defaults];
        var existing = new List<(string, string)>();
        for (var i = 0; i < directories.Count; i++)
        {
            if (Directory.Exists(directories[i]))
            {
                existing.Add((directories[i], configured is null ? key : $"{key}:{i}"));
            }
            else if (configured is not null)
            {
                Error($"{key}:{i}", $"directory '{directories[i]}' does not exist");
            }
        }

        if (existing.Count == 0)
        {
            Error(key, $"no {what} directory found (looked in {string.Join(", ", directories)})");
        }

        return existing;
    }
}
