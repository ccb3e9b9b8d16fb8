using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Analyzer;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary>
/// <c>egw analyzer CHANNEL zero|span|blowback [--for 10m]</c>: starts the analyzer's own routine through the command
/// register its profile declares (HJ 212 3011/3013), via the running gateway's bus queue; the affected channels are
/// flagged C (zero, span) or M (blow-back) meanwhile. Refused for profiles that declare no such command.
/// </summary>
internal static class AnalyzerCommand
{
    public static Command Create(CliConsole console)
    {
        var channel = new Argument<string>("CHANNEL") { Description = "A channel of the analyzer, as device.channel (e.g. cems.so2)" };
        var routine = new Argument<string>("ROUTINE") { Description = "zero, span, blowback or retainSample (a sampler keeps a sample): a command the analyzer's profile declares" };
        var duration = new Option<string?>("--for") { Description = "How long the gateway flags the affected channels (default 10m for zero/span, 5m for blowback; at most 24h)" };
        var socket = ControlCall.SocketOption();
        ChannelCompletions.AddChannels(channel, socket);
        routine.CompletionSources.Add("zero", "span", "blowback", "retainSample");
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("analyzer", "Start an analyzer's own zero check, span check or blow-back (the command registers of its profile)") { channel, routine, duration, socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                double? seconds = null;
                if (parse.GetValue(duration) is { } text)
                {
                    if (!DurationParser.TryParse(text, out var span) || span < TimeSpan.FromSeconds(1))
                    {
                        throw new CommandException(ExitCodes.Usage, $"--for '{text}' is not a duration such as 5m or 1h", "usage");
                    }

                    seconds = span.TotalSeconds;
                }

                var result = ControlCall.Ask(
                    ControlClient.ResolvePath(parse.GetValue(socket)),
                    "analyzer",
                    ControlCall.Args(("channel", parse.GetValue(channel)), ("routine", parse.GetValue(routine)), ("forSeconds", seconds)));
                if (asJson)
                {
                    console.Out.WriteLine(result.GetRawText());
                    return ExitCodes.Ok;
                }

                var done = result.Deserialize(AnalyzerJsonContext.Default.AnalyzerRoutineResult)!;
                console.Out.WriteLine($"{done.Device}: {done.Command} started ({done.Written})");
                foreach (var (name, value) in done.Results)
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} = {value}"));
                }

                if (done.Flag is not null && done.Until is { } until)
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {string.Join(", ", done.Channels)} flagged {done.Flag} until {until.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
