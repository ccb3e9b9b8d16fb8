using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary>
/// <c>egw platforms [--json]</c>: the HJ 212 platforms the gateway reports to over TCP, one line each: connected or
/// why not, the last reply, packets sent, re-sent and given up, what the platform is still owed, its last command.
/// </summary>
internal static class PlatformsCommand
{
    public static Command Create(CliConsole console)
    {
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the platforms as JSON" };
        var command = new Command("platforms", "Show the HJ 212 platforms: connected or why not, last reply, re-sends, backlog, last host command") { socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var result = ControlCall.Ask(ControlClient.ResolvePath(parse.GetValue(socket)), "platforms");
                if (asJson)
                {
                    console.Out.WriteLine(result.GetRawText());
                    return ExitCodes.Ok;
                }

                var platforms = result.Deserialize(ControlJsonContext.Default.ListPlatformLinkView) ?? [];
                if (platforms.Count == 0)
                {
                    console.Out.WriteLine("no HJ 212 platforms configured (gateway.json platforms)");
                }

                foreach (var line in Lines(platforms, DateTimeOffset.UtcNow))
                {
                    console.Out.WriteLine(line);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>One line per platform, for this command and <c>egw status</c>.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<PlatformLinkView> platforms, DateTimeOffset now)
    {
        var width = platforms.Count == 0 ? 0 : platforms.Max(platform => platform.Name.Length);
        return platforms.Select(platform => Line(platform, width, now));
    }

    private static string Line(PlatformLinkView platform, int width, DateTimeOffset now)
    {
        var state = !platform.Enabled ? "disabled"
            : platform.Connected ? "connected" + (platform.ConnectedSince is { } since ? $" {Age(now - since)}" : string.Empty)
            : $"NOT CONNECTED ({platform.NotConnectedReason ?? "unknown"})";
        var reply = platform.LastReplyAt is { } at ? $"last reply {Age(now - at)} ago" : "no reply yet";
        var backlog = platform.BacklogRecords == 0 ? "backlog 0"
            : $"backlog {platform.BacklogRecords} records" + (platform.OldestUnsentAt is { } oldest ? $" (oldest {Age(now - oldest)})" : string.Empty);
        var command = platform.LastHostCommand is null ? "no host command yet"
            : $"last command {platform.LastHostCommand}: {platform.LastHostCommandResult ?? "in progress"}" + (platform.LastHostCommandAt is { } when ? $" ({Age(now - when)} ago)" : string.Empty);
        return string.Create(CultureInfo.InvariantCulture,
            $"{platform.Name.PadRight(width)}  {platform.Address}  HJ 212-{platform.Edition}  {state}, {reply}; sent {platform.PacketsSent}, resends {platform.Resends}, unanswered {platform.Unanswered}; {backlog}; {command}");
    }

    private static string Age(TimeSpan age) =>
        age < TimeSpan.FromSeconds(90) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0} s")
        : age < TimeSpan.FromMinutes(90) ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} min")
        : age < TimeSpan.FromHours(48) ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0.#} d");
}
