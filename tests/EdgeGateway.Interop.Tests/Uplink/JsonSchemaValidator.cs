using System.Text.Json;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 that docs/schemas uses: <c>type</c> (a name or a list),
/// <c>required</c>, <c>properties</c>, <c>items</c>, <c>enum</c>, <c>const</c>, <c>minimum</c>, <c>maximum</c>,
/// <c>maxLength</c>, <c>minItems</c>, <c>maxItems</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>if</c>/<c>then</c>/<c>else</c>,
/// and <c>$ref</c> to the same document's <c>$defs</c>. Annotations (title, description, $id, $schema) are ignored.
/// No JSON Schema library is installed, and the schemas are kept within this subset.
/// </summary>
internal static class JsonSchemaValidator
{
    private static readonly HashSet<string> KnownKeywords =
    [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "required", "properties", "items", "enum", "const",
        "minimum", "maximum", "maxLength", "minItems", "maxItems", "allOf", "anyOf", "oneOf", "if", "then", "else",
    ];

    /// <summary>The problems found, each with its JSON path; empty when <paramref name="instance"/> is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance) => Validate(schema, schema, instance);

    /// <summary>Validates against <paramref name="schema"/>, a part of <paramref name="root"/> (e.g. one of its <c>$defs</c>).</summary>
    public static IReadOnlyList<string> Validate(JsonElement root, JsonElement schema, JsonElement instance)
    {
        var problems = new List<string>();
        Validate(root, schema, instance, "$", problems);
        return problems;
    }

    /// <summary>The definition <c>#/$defs/<paramref name="name"/></c> of <paramref name="root"/>.</summary>
    public static JsonElement Definition(JsonElement root, string name) => root.GetProperty("$defs").GetProperty(name);

    private static void Validate(JsonElement root, JsonElement schema, JsonElement instance, string path, List<string> problems)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!KnownKeywords.Contains(keyword.Name))
            {
                // A keyword outside the subset would be silently ignored: refuse it so the schemas stay checkable.
                problems.Add($"{path}: schema keyword '{keyword.Name}' is outside the supported subset");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            const string DefinitionPrefix = "#/$defs/";
            var target = reference.GetString()!;
            if (!target.StartsWith(DefinitionPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Only references to this document's $defs are supported, not '{target}'.", nameof(schema));
            }

            Validate(root, Definition(root, target[DefinitionPrefix.Length..]), instance, path, problems);
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, instance))
        {
            problems.Add($"{path}: {instance.ValueKind} is not of type {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            problems.Add($"{path}: {instance.GetRawText()} is not {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("maximum", out var maximum) && instance.ValueKind == JsonValueKind.Number && instance.GetDouble() > maximum.GetDouble())
        {
            problems.Add($"{path}: {instance.GetRawText()} is above the maximum {maximum.GetRawText()}");
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && instance.ValueKind == JsonValueKind.String
            && instance.GetString()!.EnumerateRunes().Count() > maxLength.GetInt32())
        {
            problems.Add($"{path}: the string is longer than {maxLength.GetInt32()} characters");
        }

        if (instance.ValueKind == JsonValueKind.Array)
        {
            var count = instance.GetArrayLength();
            if (schema.TryGetProperty("minItems", out var minItems) && count < minItems.GetInt32())
            {
                problems.Add($"{path}: {count} items, fewer than {minItems.GetInt32()}");
            }

            if (schema.TryGetProperty("maxItems", out var maxItems) && count > maxItems.GetInt32())
            {
                problems.Add($"{path}: {count} items, more than {maxItems.GetInt32()}");
            }
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Validate(root, part, instance, path, problems);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(part => Validate(root, part, instance).Count == 0))
        {
            problems.Add($"{path}: matches none of the anyOf schemas");
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matching = oneOf.EnumerateArray().Count(part => Validate(root, part, instance).Count == 0);
            if (matching != 1)
            {
                problems.Add($"{path}: matches {matching} of the oneOf schemas, not exactly one");
            }
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            var branch = Validate(root, condition, instance).Count == 0 ? "then" : "else";
            if (schema.TryGetProperty(branch, out var consequence))
            {
                Validate(root, consequence, instance, path, problems);
            }
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
                        Validate(root, property.Value, value, path + "." + property.Name, problems);
                    }
                }
            }
        }

        if (instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(root, items, item, $"{path}[{index++}]", problems);
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
