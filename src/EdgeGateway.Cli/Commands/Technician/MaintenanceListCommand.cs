using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary>
/// <c>egw maintenance list [--json]</c>: what flags readings M or C now (the control command <c>windows</c>): open
/// maintenance windows with who started them, when and why, and the channels in a calibration window.
/// </summary>
internal static class MaintenanceListCommand
{
    public static Command Create(CliConsole console)
    {
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("list", "List the open maintenance windows (M) and calibration windows (C)") { socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var result = ControlCall.Ask(ControlClient.ResolvePath(parse.GetValue(socket)), "windows");
                if (asJson)
                {
                    console.Out.WriteLine(result.GetRawText());
                    return ExitCodes.Ok;
                }

                var maintenance = result.GetProperty("maintenance").EnumerateArray().ToArray();
                var calibration = result.GetProperty("calibration").EnumerateArray().ToArray();
                if (maintenance.Length == 0 && calibration.Length == 0)
                {
                    console.Out.WriteLine("no maintenance or calibration window is open");
                    return ExitCodes.Ok;
                }

                foreach (var window in maintenance)
                {
                    var started = Time(window, "startedAt") is { } at ? $", started {at}" : string.Empty;
                    var user = Text(window, "user") is { } name ? $" by {name}" : string.Empty;
                    var reason = Text(window, "reason") is { } why ? $": {why}" : string.Empty;
                    console.Out.WriteLine($"M  {Text(window, "channel")}  until {Time(window, "until")}{started}{user}{reason}");
                }

                foreach (var window in calibration)
                {
                    var point = Text(window, "point") is { } kind ? $" {kind} point" : " analyzer routine";
                    var since = Time(window, "since") is { } at ? $", since {at}" : string.Empty;
                    console.Out.WriteLine($"C  {Text(window, "channel")}  until {Time(window, "until")}:{point}{since}");
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)
            : null;
}
