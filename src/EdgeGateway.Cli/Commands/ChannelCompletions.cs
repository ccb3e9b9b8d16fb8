using System.CommandLine;
using System.CommandLine.Completions;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands;

/// <summary>
/// Tab completion of channel keys (<c>cems.so2</c>) and device names, asked of the running gateway: the shell's
/// completion script calls <c>egw [suggest:N] "LINE"</c>. No gateway, no suggestions; never an error.
/// </summary>
internal static class ChannelCompletions
{
    public static void AddChannels(Argument<string> argument, Option<string?> socket) =>
        argument.CompletionSources.Add(context => Ask(context, socket, devices: false));

    public static void AddChannels(Option<string?> option, Option<string?> socket) =>
        option.CompletionSources.Add(context => Ask(context, socket, devices: false));

    public static void AddDevices(Option<string?> option, Option<string?> socket) =>
        option.CompletionSources.Add(context => Ask(context, socket, devices: true));

    private static IEnumerable<CompletionItem> Ask(CompletionContext context, Option<string?> socket, bool devices)
    {
        List<string> keys;
        try
        {
            using var client = ControlClient.Connect(ControlClient.ResolvePath(context.ParseResult.GetValue(socket)));
            var response = client.Send("latest", timeout: TimeSpan.FromSeconds(2));
            if (!response.Ok || response.Result is not { ValueKind: JsonValueKind.Array } channels)
            {
                return [];
            }

            keys = [.. channels.EnumerateArray().Select(channel => channel.GetProperty("channel").GetString() ?? string.Empty)];
        }
        catch (Exception exception) when (exception is ControlUnavailableException or IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return [];
        }

        var names = devices ? keys.Select(key => key.Split('.')[0]).Distinct() : keys;
        return names.Where(name => name.StartsWith(context.WordToComplete, StringComparison.Ordinal)).Select(name => new CompletionItem(name));
    }
}
