using System.Text.Json;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>A reply parsed for assertions: the envelope's fields, and the result or error as JSON.</summary>
internal sealed class CommandReplyView
{
    private CommandReplyView(JsonElement root, string text)
    {
        Root = root;
        Text = text;
    }

    public JsonElement Root { get; }

    public string Text { get; }

    public bool Ok => Root.GetProperty("ok").GetBoolean();

    public string Command => Root.GetProperty("command").GetString()!;

    public JsonElement Result => Root.TryGetProperty("result", out var result) ? result : throw new InvalidOperationException($"no result in {Text}");

    public string ErrorCode => Root.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString()! : throw new InvalidOperationException($"no error in {Text}");

    public string ErrorMessage => Root.GetProperty("error").GetProperty("message").GetString()!;

    public JsonElement? Id => Root.TryGetProperty("id", out var id) ? id : null;

    public static CommandReplyView Parse(ReadOnlyMemory<byte> payload)
    {
        var text = System.Text.Encoding.UTF8.GetString(payload.Span);
        using var document = JsonDocument.Parse(payload);
        return new CommandReplyView(document.RootElement.Clone(), text);
    }

    public override string ToString() => Text;
}
