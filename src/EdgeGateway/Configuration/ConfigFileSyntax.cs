using System.Text;
using System.Text.Json;

namespace EdgeGateway.Configuration;

/// <summary>
/// Reads gateway.json with System.Text.Json's reader, as the configuration provider will (comments and trailing commas
/// allowed), before the provider does: the provider reports a syntax error without line or column and merges or
/// rejects a duplicate key without naming it. Here a syntax error names its line, column (both 1-based) and reason,
/// and every duplicate key its key path and both lines.
/// </summary>
internal static class ConfigFileSyntax
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<ConfigError> Check(ReadOnlySpan<byte> content, string source)
    {
        var json = content.StartsWith(Encoding.UTF8.Preamble) ? content[Encoding.UTF8.Preamble.Length..] : content;
        var errors = new List<ConfigError>();
        var reader = new Utf8JsonReader(json, ReaderOptions);

        // One frame per open object or array: the keys seen (configuration keys ignore case) or the next index.
        var frames = new Stack<ConfigSyntaxFrame>();
        string? pendingKey = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var frame = frames.Peek();
                        var line = LineOf(json, reader.TokenStartIndex);
                        if (frame.Keys!.TryGetValue(name, out var firstLine))
                        {
                            errors.Add(new ConfigError(
                                ConfigKeyPath.ToDisplay(ConfigKeyPath.Combine(frame.Path, name)),
                                $"line {line}: duplicate key '{name}' (first at line {firstLine}; keys are matched without regard to case): the configuration would silently keep only one",
                                source));
                        }
                        else
                        {
                            frame.Keys.Add(name, line);
                        }

                        pendingKey = name;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = frames.Count == 0 ? string.Empty : ConfigKeyPath.Combine(frames.Peek().Path, NextMember(frames.Peek(), ref pendingKey));
                        frames.Push(reader.TokenType == JsonTokenType.StartObject ? ConfigSyntaxFrame.Object(path) : ConfigSyntaxFrame.Array(path));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        if (frames.Count > 0)
                        {
                            NextMember(frames.Peek(), ref pendingKey);
                        }

                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber ?? 0;
            var bytePosition = exception.BytePositionInLine ?? 0;
            errors.Add(new ConfigError("(file)", $"line {line + 1}, column {ColumnOf(json, line, bytePosition)}: {Reason(exception.Message)}", source));
        }

        return errors;
    }

    private static string NextMember(ConfigSyntaxFrame frame, ref string? pendingKey)
    {
        if (frame.Keys is null)
        {
            return (frame.NextIndex++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var key = pendingKey ?? string.Empty;
        pendingKey = null;
        return key;
    }

    private static int LineOf(ReadOnlySpan<byte> json, long offset) => json[..(int)offset].Count((byte)'\n') + 1;

    // The reader counts bytes in the line; a person counts characters.
    private static int ColumnOf(ReadOnlySpan<byte> json, long line, long bytePosition)
    {
        var start = 0;
        for (var l = 0L; l < line && start < json.Length; l++)
        {
            var newline = json[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            start += newline + 1;
        }

        var end = (int)Math.Min(json.Length, start + bytePosition);
        return Encoding.UTF8.GetCharCount(json[start..end]) + 1;
    }

    // "'x' is an invalid start of a value. LineNumber: 2 | BytePositionInLine: 5." -> "'x' is an invalid start of a value"
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut >= 0 ? message[..cut] : message).TrimEnd();
        return reason.EndsWith('.') ? reason[..^1] : reason;
    }
}
