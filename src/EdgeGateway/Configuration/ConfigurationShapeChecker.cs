using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using EdgeGateway.Configuration.Documents;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Configuration;

/// <summary>
/// Walks the configuration tree against the documents' source-generated metadata before binding, so that every
/// unknown key (a typo) and every value of the wrong type is reported at once, each with its key path and source,
/// instead of the binder stopping at the first or silently ignoring a misspelt key.
/// </summary>
internal sealed class ConfigurationShapeChecker(ConfigSources sources)
{
    private readonly GatewayConfigJsonContext _metadata = GatewayConfigJsonContext.Default;

    private readonly List<string> _rejectedPaths = [];

    /// <summary>Configuration paths of the values found wrong by <see cref="Check"/>; binding leaves them out.</summary>
    public IReadOnlyList<string> RejectedPaths => _rejectedPaths;

    public IReadOnlyList<ConfigError> Check(IConfiguration configuration)
    {
        var errors = new List<ConfigError>();
        CheckObjectMembers(configuration.GetChildren(), _metadata.GatewayConfigDocument, string.Empty, errors);
        return errors;
    }

    private void Reject(List<ConfigError> errors, string path, string message)
    {
        errors.Add(sources.Error(path, message));
        _rejectedPaths.Add(path);
    }

    private void CheckObjectMembers(IEnumerable<IConfigurationSection> children, JsonTypeInfo type, string path, List<ConfigError> errors)
    {
        foreach (var child in children)
        {
            var childPath = ConfigKeyPath.Combine(path, child.Key);
            var property = type.Properties.FirstOrDefault(candidate => string.Equals(candidate.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                // Top-level EGW_ variables that are no config key belong to other tools (EGW_SOCKET for egw).
                if (path.Length == 0 && sources.IsFromEnvironment(childPath))
                {
                    continue;
                }

                var known = type.Properties.Select(candidate => candidate.Name).ToArray();
                var suggestion = Closest(child.Key, known);
                Reject(errors, childPath, suggestion is null
                    ? $"unknown key; known keys here: {string.Join(", ", known)}"
                    : $"unknown key; did you mean '{suggestion}'?");
                continue;
            }

            CheckValue(child, property.PropertyType, childPath, errors);
        }
    }

    private void CheckValue(IConfigurationSection section, Type type, string path, List<ConfigError> errors)
    {
        var info = _metadata.GetTypeInfo(type) ?? throw new InvalidOperationException($"no metadata for {type}");
        var children = section.GetChildren().ToArray();
        var isEmptyValue = string.IsNullOrEmpty(section.Value);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (!isEmptyValue)
                {
                    Reject(errors, path, $"expected an object {{ ... }}, found the value '{section.Value}'");
                    return;
                }

                CheckObjectMembers(children, info, path, errors);
                return;

            case JsonTypeInfoKind.Enumerable:
                if (!isEmptyValue)
                {
                    Reject(errors, path, $"expected a list [ ... ], found the value '{section.Value}'");
                    return;
                }

                foreach (var child in children)
                {
                    var childPath = ConfigKeyPath.Combine(path, child.Key);
                    if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        Reject(errors, childPath, "expected a list [ ... ] here, not an object");
                        continue;
                    }

                    CheckValue(child, info.ElementType!, childPath, errors);
                }

                return;

            case JsonTypeInfoKind.Dictionary:
                if (!isEmptyValue)
                {
                    Reject(errors, path, $"expected an object {{ ... }}, found the value '{section.Value}'");
                    return;
                }

                foreach (var child in children)
                {
                    CheckValue(child, info.ElementType!, ConfigKeyPath.Combine(path, child.Key), errors);
                }

                return;

            default:
                if (children.Length > 0)
                {
                    Reject(errors, path, "expected a single value, found an object or a list");
                    return;
                }

                if (!isEmptyValue && ScalarProblem(Nullable.GetUnderlyingType(type) ?? type, section.Value!) is { } problem)
                {
                    Reject(errors, path, problem);
                }

                return;
        }
    }

    private static string? ScalarProblem(Type type, string value)
    {
        if (type == typeof(int))
        {
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"'{value}' is not a whole number";
        }

        if (type == typeof(double))
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? null : $"'{value}' is not a number";
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(value, out _) ? null : $"'{value}' is not true or false";
        }

        return null;
    }

    // The known key nearest to a misspelt one, if it is near enough to be the likely intent.
    private static string? Closest(string key, IReadOnlyList<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = EditDistance(key.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
