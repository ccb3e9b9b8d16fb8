using System.Text.Json;

namespace EdgeGateway.WebConsole.Api;

/// <summary>Builds a control request's <c>args</c> object from name/value pairs (strings and numbers; nulls left out).</summary>
internal static class ControlArguments
{
    public static JsonElement Of(params (string Name, object? Value)[] pairs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in pairs)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string text:
                        json.WriteString(name, text);
                        break;
                    case double number:
                        json.WriteNumber(name, number);
                        break;
                    case int number:
                        json.WriteNumber(name, number);
                        break;
                    default:
                        throw new ArgumentException($"unsupported argument type {value.GetType()}", nameof(pairs));
                }
            }

            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
