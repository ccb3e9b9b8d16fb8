using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary>
/// <c>egw watch [--device D] [--channel C]</c>: a table of the channels' latest readings — value, unit, flag, age, raw —
/// redrawn in place every interval until Ctrl+C, in 80 columns, over SSH or a serial console. The terminal is left
/// clean (cursor shown, below the table) however it ends. <c>--once</c> (or output that is not a terminal) prints one table.
/// </summary>
internal static class WatchCommand
{
    private const string Home = "\u001b[H";
    private const string ClearBelow = "\u001b[J";
    private const string ClearLine = "\u001b[K";
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";

    public static Command Create(CliConsole console)
    {
        var device = new Option<string?>("--device", "-d") { Description = "Only this device's channels" };
        var channel = new Option<string?>("--channel", "-c") { Description = "Only this channel (device.channel)" };
        var interval = new Option<string>("--interval", "-i") { Description = "Refresh interval", DefaultValueFactory = _ => "1s" };
        var once = new Option<bool>("--once") { Description = "Print the table once and exit (the default when output is not a terminal)" };
        var socket = ControlCall.SocketOption();
        ChannelCompletions.AddDevices(device, socket);
        ChannelCompletions.AddChannels(channel, socket);
        var json = new Option<bool>("--json") { Description = "Print the latest readings once as JSON" };
        var command = new Command("watch", "Watch the channels' latest readings, refreshed in place (Ctrl+C leaves)") { device, channel, interval, once, socket, json };
        command.SetAction((parse, cancellation) =>
        {
            var asJson = parse.GetValue(json);
            return Task.FromResult(CommandRunner.Run(console, asJson, () =>
            {
                if (!DurationParser.TryParse(parse.GetValue(interval), out var period) || period < TimeSpan.FromMilliseconds(100))
                {
                    throw new CommandException(ExitCodes.Usage, $"--interval '{parse.GetValue(interval)}' is not a duration of at least 100ms", "usage");
                }

                var path = ControlClient.ResolvePath(parse.GetValue(socket));
                var args = ControlCall.Args(("device", parse.GetValue(device)), ("channel", parse.GetValue(channel)));
                if (asJson)
                {
                    console.Out.WriteLine(ControlCall.Ask(path, "latest", args).GetRawText());
                    return ExitCodes.Ok;
                }

                var live = !parse.GetValue(once) && !Console.IsOutputRedirected && ReferenceEquals(console.Out, Console.Out);
                if (!live)
                {
                    console.Out.Write(Render(ControlCall.Ask(path, "latest", args), DateTimeOffset.UtcNow, path, clearLines: false));
                    return ExitCodes.Ok;
                }

                console.Out.Write(HideCursor + Home + ClearBelow);
                try
                {
                    while (!cancellation.IsCancellationRequested)
                    {
                        var frame = Render(ControlCall.Ask(path, "latest", args), DateTimeOffset.UtcNow, path, clearLines: true);
                        console.Out.Write(Home + frame + ClearBelow);
                        console.Out.Flush();
                        cancellation.WaitHandle.WaitOne(period);
                    }
                }
                finally
                {
                    console.Out.Write(ShowCursor + Environment.NewLine);
                    console.Out.Flush();
                }

                return ExitCodes.Ok;
            }));
        });
        return command;
    }

    // One frame: a header and a line per channel, each at most 80 columns.
    private static string Render(JsonElement channels, DateTimeOffset now, string socket, bool clearLines)
    {
        var end = clearLines ? ClearLine + "\n" : "\n";
        var frame = new StringBuilder();
        frame.Append(Fit(string.Create(CultureInfo.InvariantCulture, $"egw watch  {now.ToLocalTime():yyyy-MM-dd HH:mm:ss}  Ctrl+C leaves  {socket}"), 80)).Append(end);
        frame.Append(CultureInfo.InvariantCulture, $"{"channel",-22} {"value",11} {"unit",-7} {"flag",-18} {"age",5} {"raw",10}").Append(end);
        foreach (var channel in channels.EnumerateArray())
        {
            var key = channel.GetProperty("channel").GetString() ?? string.Empty;
            var unit = channel.GetProperty("unit").GetString() ?? string.Empty;
            var value = Number(channel, "value", "0.###");
            var raw = Number(channel, "raw", "0.##");
            var flag = channel.TryGetProperty("flag", out var letter) ? letter.GetString() + (channel.TryGetProperty("reason", out var why) && why.GetString() != "none" ? " " + why.GetString() : string.Empty) : "-";
            var age = channel.TryGetProperty("time", out var time) ? Age(now - time.GetDateTimeOffset()) : "-";
            frame.Append(CultureInfo.InvariantCulture, $"{Fit(key, 22),-22} {value,11} {Fit(unit, 7),-7} {Fit(flag, 18),-18} {age,5} {raw,10}").Append(end);
        }

        return frame.ToString();
    }

    private static string Number(JsonElement channel, string name, string format) =>
        channel.TryGetProperty(name, out var number) && number.ValueKind == JsonValueKind.Number ? Fit(number.GetDouble().ToString(format, CultureInfo.InvariantCulture), 11) : "-";

    private static string Age(TimeSpan age) =>
        age < TimeSpan.FromSeconds(100) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0}s")
        : age < TimeSpan.FromMinutes(100) ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0}m")
        : string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0}h");

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
