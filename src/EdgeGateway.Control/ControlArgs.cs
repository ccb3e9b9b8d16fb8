using System.Text.Json;

namespace EdgeGateway.Control;

/// <summary>Reading a request's arguments object, the same way for every command handler.</summary>
public static class ControlArgs
{
    /// <summary>The string argument <paramref name="name"/>; null when absent, not a string, or there are no arguments.</summary>
    public static string? Text(JsonElement? args, string name) =>
        args is { ValueKind: JsonValueKind.Object } present && present.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
