using System.Text.Json;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 that docs/schemas uses: <c>type</c> (a name or a list),
/// <c>required</c>, <c>properties</c>, <c>items</c>, <c>enum</c>, <c>minimum</c>. Annotations (title, description,
/// $id, $schema) are ignored. No JSON Schema library is installed, and the schemas are kept within this subset.
/// </summary>
internal static class JsonSchemaValidator
{
    private static readonly HashSet<string> KnownKeywords =
        ["$schema", "$id", "title", "description", "type", "required", "properties", "items", "enum", "minimum"];

    /// <summary>The problems found, each with its JSON path; empty when <paramref name="instance"/> is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var problems = new List<string>();
        Validate(schema, instance, "$", problems);
        return problems;
    }

    private static void Validate(JsonElement schema, JsonElement instance, string path, List<string> problems)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!KnownKeywords.Contains(keyword.Name))
            {
                // A keyword outside the subset would be silently ignored: refuse it so the schemas stay checkable.
                problems.Add($"{path}: schema keyword '{keyword.Name}' is outside the supported subset");
            }
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, instance))
        {
            problems.Add($"{path}: {instance.ValueKind} is not of type {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(candidate => JsonElement.DeepEquals(candidate, instance)))
        {
            problems.Add($"{path}: {instance.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (schema.TryGetProperty("minimum", out var minimum) && instance.ValueKind == JsonValueKind.Number && instance.GetDouble() < minimum.GetDouble())
        {
            problems.Add($"{path}: {instance.GetRawText()} is below the minimum {minimum.GetRawText()}");
        }

        if (instance.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (!instance.TryGetProperty(name.GetString()!, out _))
                    {
                        problems.Add($"{path}: required property '{name.GetString()}' is missing");
                    }
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (instance.TryGetProperty(property.Name, out var value))
                    {
                        Validate(property.Value, value, path + "." + property.Name, problems);
                    }
                }
            }
        }

        if (instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(items, item, $"{path}[{index++}]", problems);
            }
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement instance) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(name => MatchesType(name.GetString()!, instance))
            : MatchesType(type.GetString()!, instance);

    private static bool MatchesType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new ArgumentException($"Unknown JSON Schema type '{type}'.", nameof(type)),
    };
}
