using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary><c>egw audit [--since 24h|2026-03-01T08:00Z]</c>: who did what and when, with the state before and after.</summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var since = new Option<string?>("--since") { Description = "Only entries since this time (ISO 8601) or this long ago (e.g. 24h, 7d)" };
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the entries as JSON" };
        var command = new Command("audit", "Show the audit trail of technicians' actions") { since, socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                string? from = null;
                if (parse.GetValue(since) is { } text)
                {
                    from = DurationParser.TryParse(text, out var ago)
                        ? (DateTimeOffset.UtcNow - ago).ToString("O", CultureInfo.InvariantCulture)
                        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                            ? at.ToString("O", CultureInfo.InvariantCulture)
                            : throw new CommandException(ExitCodes.Usage, $"--since '{text}' is neither a time (2026-03-01T08:00Z) nor a duration (24h)", "usage");
                }

                var entries = ControlCall.Ask(ControlClient.ResolvePath(parse.GetValue(socket)), "audit", ControlCall.Args(("since", from)));
                if (asJson)
                {
                    console.Out.WriteLine(entries.GetRawText());
                    return ExitCodes.Ok;
                }

                foreach (var entry in entries.EnumerateArray())
                {
                    var reason = entry.TryGetProperty("reason", out var why) ? $" \"{why.GetString()}\"" : string.Empty;
                    var hasBefore = entry.TryGetProperty("before", out var before);
                    var hasAfter = entry.TryGetProperty("after", out var after);
                    var change = (hasBefore, hasAfter) switch
                    {
                        (true, true) => $" [{before.GetString()} -> {after.GetString()}]",
                        (false, true) => $" [{after.GetString()}]",
                        (true, false) => $" [{before.GetString()} -> none]",
                        _ => string.Empty,
                    };
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{entry.GetProperty("at").GetDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm:ss} {Who(entry)} {entry.GetProperty("action").GetString()} {entry.GetProperty("target").GetString()}{reason}{change}"));
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    // The kernel's user and uid; on behalf of someone (the web console's login) that someone first:
    // "alice (web console, as egw-console, uid 998)".
    private static string Who(JsonElement entry)
    {
        var user = entry.GetProperty("user").GetString();
        var uid = entry.GetProperty("userId").GetUInt32().ToString(CultureInfo.InvariantCulture);
        return entry.TryGetProperty("onBehalfOf", out var onBehalfOf) && onBehalfOf.ValueKind == JsonValueKind.String
            ? $"{onBehalfOf.GetString()} (web console, as {user}, uid {uid})"
            : $"{user} (uid {uid})";
    }
}
