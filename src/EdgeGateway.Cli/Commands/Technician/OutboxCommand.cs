using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary>
/// <c>egw outbox status</c>: the durable outbox (sequences, what the platform has not acknowledged yet, size, losses);
/// <c>egw outbox resend --from T --to T [--period]</c>: re-sends stored records of a time range to the platform.
/// </summary>
internal static class OutboxCommand
{
    public static Command Create(CliConsole console) => new("outbox", "The durable store-and-forward outbox: its state, and re-sending a time range")
    {
        Status(console),
        Resend(console),
    };

    private static Command Status(CliConsole console)
    {
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command("status", "Show the outbox: sequences, unacknowledged backlog, size, evictions") { socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var status = ControlCall.Ask(ControlClient.ResolvePath(parse.GetValue(socket)), "outbox");
                if (asJson)
                {
                    console.Out.WriteLine(status.GetRawText());
                    return ExitCodes.Ok;
                }

                var oldest = status.TryGetProperty("oldestBacklogTime", out var time) ? $", oldest from {time.GetDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm:ss}" : string.Empty;
                console.Out.WriteLine($"outbox {status.GetProperty("path").GetString()} (store {status.GetProperty("storeId").GetString()})");
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sequences: last {status.GetProperty("lastSequence").GetInt64()}, durable {status.GetProperty("durableSequence").GetInt64()}, acknowledged up to {status.GetProperty("acknowledgedPrefix").GetInt64()}"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  not yet acknowledged by the platform: {status.GetProperty("backlogRecords").GetInt64()} records{oldest}; {status.GetProperty("inFlight").GetInt32()} messages in flight"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  size: {status.GetProperty("usedBytes").GetInt64() / 1048576.0:0.0} MiB of {status.GetProperty("maxBytes").GetInt64() / 1048576.0:0} MiB; retention deleted {status.GetProperty("retentionDeleted").GetInt64()}; evicted by the cap {status.GetProperty("evictedAcknowledged").GetInt64()} delivered + {status.GetProperty("evictedUnacknowledged").GetInt64()} never delivered"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  publisher: {status.GetProperty("messagesAcknowledged").GetInt64()} messages acknowledged, {status.GetProperty("messagesFailed").GetInt64()} failed; failed appends {status.GetProperty("failedAppends").GetInt64()}"));
                if (status.TryGetProperty("lastFailure", out var failure))
                {
                    console.Out.WriteLine($"  last storage failure: {failure.GetString()}");
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Resend(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "Start of the range: a time (2026-03-01T08:00Z) or how long ago (2h)", Required = true };
        var to = new Option<string>("--to") { Description = "End of the range: a time, how long ago, or 'now'", DefaultValueFactory = _ => "now" };
        var period = new Option<string>("--period") { Description = "What to re-send: realtime readings or minute, hour, day records", DefaultValueFactory = _ => "realtime" };
        period.AcceptOnlyFromAmong("realtime", "minute", "hour", "day");
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("resend", "Re-send stored records of a time range to the platform (with their original sequence numbers)") { from, to, period, socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var now = DateTimeOffset.UtcNow;
                var begin = Instant(parse.GetValue(from)!, now, "--from");
                var end = Instant(parse.GetValue(to)!, now, "--to");
                var result = ControlCall.Ask(
                    ControlClient.ResolvePath(parse.GetValue(socket)),
                    "resend",
                    ControlCall.Args(("period", parse.GetValue(period)), ("begin", begin.ToString("O", CultureInfo.InvariantCulture)), ("end", end.ToString("O", CultureInfo.InvariantCulture))));
                if (asJson)
                {
                    console.Out.WriteLine(result.GetRawText());
                    return ExitCodes.Ok;
                }

                var records = result.TryGetProperty("records", out var count) ? count.GetInt64() : 0;
                var truncated = result.TryGetProperty("truncated", out var cut) && cut.ValueKind == JsonValueKind.True ? " (truncated: run again from where it stopped)" : string.Empty;
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"re-sending {records} {parse.GetValue(period)} records from {begin.ToLocalTime():yyyy-MM-dd HH:mm:ss} to {end.ToLocalTime():yyyy-MM-dd HH:mm:ss} in the background{truncated}"));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static DateTimeOffset Instant(string text, DateTimeOffset now, string option) =>
        text == "now" ? now
        : DurationParser.TryParse(text, out var ago) ? now - ago
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new CommandException(ExitCodes.Usage, $"{option} '{text}' is neither a time (2026-03-01T08:00Z), a duration ago (2h) nor 'now'", "usage");
}
