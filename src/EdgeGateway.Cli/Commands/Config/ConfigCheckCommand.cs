using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Config;

/// <summary>
/// <c>egw config check [--config FILE] [--json]</c>: validates a gateway.json with the service's own checks (it runs
/// <c>edge-gateway --check-config</c>), and when the service runs, says whether it still runs an older version of
/// the file, so a technician knows a restart is due.
/// </summary>
internal static class ConfigCheckCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The file to check (default: the service's default, /etc/edge-gateway/gateway.json, or $EGW_CONFIG)" };
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the service's JSON report (every problem with its key and source)" };
        var command = new Command("check", "Check a gateway.json: every unknown key, wrong value and missing file, with its key path; exit 1 if invalid") { config, socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var binary = ServiceBinary.Find()
                    ?? throw new CommandException(ExitCodes.Unavailable, $"edge-gateway was not found next to egw ({AppContext.BaseDirectory}) nor on the PATH; name it with {ServiceBinary.Variable}", "unavailable");
                var start = new ProcessStartInfo(binary.FileName) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var argument in binary.Prefix)
                {
                    start.ArgumentList.Add(argument);
                }

                start.ArgumentList.Add("--check-config");
                if (parse.GetValue(config) is { } file)
                {
                    start.ArgumentList.Add("--config");
                    start.ArgumentList.Add(file);
                }

                if (asJson)
                {
                    start.ArgumentList.Add("--json");
                }

                using var process = Process.Start(start) ?? throw new CommandException(ExitCodes.Unavailable, $"could not start {binary.FileName}", "unavailable");
                var errors = process.StandardError.ReadToEndAsync();
                console.Out.Write(process.StandardOutput.ReadToEnd());
                console.Error.Write(errors.GetAwaiter().GetResult());
                process.WaitForExit();
                if (process.ExitCode == 0 && !asJson)
                {
                    SayIfRestartDue(console, parse.GetValue(socket), parse.GetValue(config));
                }

                return process.ExitCode switch
                {
                    0 => ExitCodes.Ok,
                    2 => ExitCodes.Usage,
                    _ => ExitCodes.Failed,
                };
            });
        });
        return command;
    }

    // Only a hint: a service that does not run, or runs another file, is not an error of the check.
    private static void SayIfRestartDue(CliConsole console, string? socket, string? checkedFile)
    {
        try
        {
            using var client = ControlClient.Connect(ControlClient.ResolvePath(socket));
            var response = client.Send("status");
            if (!response.Ok || response.Result is not { } status
                || !status.TryGetProperty("configFile", out var fileElement) || fileElement.GetString() is not { } running
                || !status.TryGetProperty("startedAt", out var startedElement))
            {
                return;
            }

            if (checkedFile is not null && Path.GetFullPath(checkedFile) != Path.GetFullPath(running))
            {
                return;
            }

            var startedAt = startedElement.GetDateTimeOffset();
            if (File.Exists(running) && File.GetLastWriteTimeUtc(running) > startedAt.UtcDateTime)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the running gateway started {startedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}, before {running} was last changed: restart it to use the file (sudo systemctl restart edge-gateway)"));
            }
            else
            {
                console.Out.WriteLine($"the running gateway uses this file as it is now");
            }
        }
        catch (ControlUnavailableException)
        {
            // No service to compare with.
        }
    }
}
