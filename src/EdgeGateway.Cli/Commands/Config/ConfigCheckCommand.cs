using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace EdgeGateway.Cli.Commands.Config;

/// <summary>
/// <c>egw config check [--config FILE] [--json]</c>: validates a gateway.json with the service's own checks (it runs
/// <c>edge-gateway --check-config</c>). Without --config it checks the file the running gateway was started with, by
/// the binary it runs from (both from its control socket), and says so; with no gateway running, the service's
/// default file. When the checked file is the running one, it also says whether the service still runs an older
/// version of it, so a technician knows a restart is due.
/// </summary>
internal static class ConfigCheckCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The file to check (default: the running gateway's file; with none running, /etc/edge-gateway/gateway.json or $EGW_CONFIG)" };
        var socket = ControlCall.SocketOption();
        var json = new Option<bool>("--json") { Description = "Print the service's JSON report (every problem with its key and source)" };
        var command = new Command("check", "Check a gateway.json: every unknown key, wrong value and missing file, with its key path; exit 1 if invalid") { config, socket, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var running = RunningGateway.Ask(parse.GetValue(socket));
                var file = parse.GetValue(config) ?? running?.ConfigFile;
                var binary = ServiceBinary.Find(running?.ServiceBinary)
                    ?? throw new CommandException(ExitCodes.Unavailable, $"edge-gateway was not found next to egw ({AppContext.BaseDirectory}) nor on the PATH, and no running gateway named its own; name it with {ServiceBinary.Variable}", "unavailable");
                if (!asJson)
                {
                    console.Out.WriteLine(WhatIsChecked(file, parse.GetValue(config) is not null, running));
                }

                var start = new ProcessStartInfo(binary.FileName) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var argument in binary.Prefix)
                {
                    start.ArgumentList.Add(argument);
                }

                start.ArgumentList.Add("--check-config");
                if (file is not null)
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
                if (process.ExitCode == 0 && !asJson && running is not null)
                {
                    SayIfRestartDue(console, running, file);
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

    private static string WhatIsChecked(string? file, bool named, RunningGateway? running) => (file, named, running) switch
    {
        (null, _, _) => $"checking the service's default configuration ({DefaultFile()}): no gateway answers on the control socket",
        (_, true, _) => $"checking {Path.GetFullPath(file)}",
        _ => $"checking {file}: the running gateway's configuration (from its control socket)",
    };

    private static string DefaultFile() =>
        Environment.GetEnvironmentVariable("EGW_CONFIG") is { Length: > 0 } variable ? $"$EGW_CONFIG = {variable}" : "/etc/edge-gateway/gateway.json";

    // Only a hint: a service that runs another file is not an error of the check.
    private static void SayIfRestartDue(CliConsole console, RunningGateway running, string? checkedFile)
    {
        if (checkedFile is null || Path.GetFullPath(checkedFile) != Path.GetFullPath(running.ConfigFile) || running.StartedAt is not { } startedAt)
        {
            return;
        }

        if (File.Exists(running.ConfigFile) && File.GetLastWriteTimeUtc(running.ConfigFile) > startedAt.UtcDateTime)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the running gateway started {startedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, before {running.ConfigFile} was last changed: restart it to use the file (sudo systemctl restart edge-gateway)"));
        }
        else
        {
            console.Out.WriteLine("the running gateway uses this file as it is now");
        }
    }
}
