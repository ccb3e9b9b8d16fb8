using System.CommandLine;
using System.Globalization;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary>
/// <c>egw maintenance start|stop --device D | --channel C --reason TEXT [--for 2h]</c>: readings of the selected channels
/// are flagged M until the window ends (by itself after --for, default 2 h) or is stopped; audited and announced.
/// <c>egw maintenance list</c> shows the open windows.
/// </summary>
internal static class MaintenanceCommand
{
    public static Command Create(CliConsole console) => new("maintenance", "Put a device or channel into maintenance (readings flagged M) or end it")
    {
        Action(console, "start", "Start maintenance: readings are flagged M until it ends (after --for, default 2h)"),
        Action(console, "stop", "End maintenance now"),
        MaintenanceListCommand.Create(console),
    };

    private static Command Action(CliConsole console, string action, string description)
    {
        var device = new Option<string?>("--device", "-d") { Description = "Every channel of this device (its name in gateway.json)" };
        var channel = new Option<string?>("--channel", "-c") { Description = "One channel, as device.channel (e.g. cems.so2)" };
        var reason = new Option<string?>("--reason", "-r") { Description = "Why: goes to the audit trail and the platform" + (action == "start" ? " (required)" : string.Empty), Required = action == "start" };
        var duration = new Option<string?>("--for") { Description = "How long, e.g. 30m, 2h (at most 7d); it ends by itself then" };
        var socket = ControlCall.SocketOption();
        ChannelCompletions.AddDevices(device, socket);
        ChannelCompletions.AddChannels(channel, socket);
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command(action, description) { device, channel, reason, socket, json };
        if (action == "start")
        {
            command.Add(duration);
        }

        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                if ((parse.GetValue(device) is null) == (parse.GetValue(channel) is null))
                {
                    throw new CommandException(ExitCodes.Usage, "give --device or --channel (one of them)", "usage");
                }

                double? seconds = null;
                if (parse.GetValue(duration) is { } text)
                {
                    if (!DurationParser.TryParse(text, out var span) || span <= TimeSpan.Zero)
                    {
                        throw new CommandException(ExitCodes.Usage, $"--for '{text}' is not a duration such as 30m or 2h", "usage");
                    }

                    seconds = span.TotalSeconds;
                }

                var result = ControlCall.Ask(
                    ControlClient.ResolvePath(parse.GetValue(socket)),
                    "maintenance",
                    ControlCall.Args(("action", action), ("device", parse.GetValue(device)), ("channel", parse.GetValue(channel)), ("reason", parse.GetValue(reason)), ("forSeconds", seconds)));
                if (asJson)
                {
                    console.Out.WriteLine(result.GetRawText());
                    return ExitCodes.Ok;
                }

                var channels = string.Join(", ", result.GetProperty("channels").EnumerateArray().Select(element => element.GetString()));
                console.Out.WriteLine(result.TryGetProperty("until", out var until)
                    ? string.Create(CultureInfo.InvariantCulture, $"maintenance on {result.GetProperty("target").GetString()} until {until.GetDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm:ss zzz}: readings of {channels} are flagged M")
                    : $"maintenance ended on {result.GetProperty("target").GetString()} ({channels})");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
