using System.Text.Json;

namespace EdgeGateway.Demo;

/// <summary>
/// An alarm event as the demo shows it: marked, and coloured on a terminal (red while raised, green when cleared), so
/// that it stands out among the platform's lines instead of scrolling by as one of them.
/// </summary>
internal static class DemoAlarmLine
{
    public const string Marker = "!!!";

    private const string Red = "\u001b[1;31m";
    private const string Green = "\u001b[1;32m";
    private const string Reset = "\u001b[0m";

    /// <summary>The line for an <c>alarm</c> event's JSON object (docs/platform-contract.md), or null for any other event.</summary>
    public static string? Describe(JsonElement gatewayEvent, bool colour)
    {
        if (gatewayEvent.GetProperty("kind").GetString() != "alarm" || !gatewayEvent.TryGetProperty("text", out var text))
        {
            return null;
        }

        var change = gatewayEvent.TryGetProperty("detail", out var detail) && detail.TryGetProperty("change", out var changeElement)
            ? changeElement.GetString()
            : null;
        var line = $"{Marker} ALARM {text.GetString()}";
        return Paint(line, change == "cleared" ? Green : Red, colour);
    }

    /// <summary>Wraps a line in an ANSI colour on a terminal; leaves it plain elsewhere (a file, a pipe, a test).</summary>
    public static string Paint(string line, string colourCode, bool colour) => colour ? colourCode + line + Reset : line;

    public static string Alert(string line, bool colour) => Paint(line, Red, colour);
}
