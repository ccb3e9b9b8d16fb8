using System.Diagnostics;

namespace EdgeGateway.Interop.Tests.Packaging;

/// <summary>What one run of a host tool (systemd-analyze, dpkg, getent…) printed and returned.</summary>
public sealed record HostCommandResult(string Command, int ExitCode, string Output, string Error)
{
    public override string ToString() => $"{Command}\nexit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>Runs host tools with their output captured; stdin is closed, so a tool that asks a question fails.</summary>
public static class HostCommand
{
    public static HostCommandResult Run(string file, params string[] arguments) => Run(TimeSpan.FromMinutes(2), file, arguments);

    public static HostCommandResult Run(TimeSpan timeout, string file, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["LC_ALL"] = "C.UTF-8";
        startInfo.Environment["SYSTEMD_COLORS"] = "0";
        startInfo.Environment["SYSTEMD_PAGER"] = string.Empty;
        startInfo.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        var command = file + " " + string.Join(' ', arguments);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{command} did not start");
        process.StandardInput.Close();
        // Read both pipes before waiting so a chatty tool can never block on a full pipe.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout.TotalSeconds:0} s");
        }

        process.WaitForExit();
        return new HostCommandResult(command, process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a tool that must succeed, and returns what it printed.</summary>
    public static HostCommandResult Check(string file, params string[] arguments)
    {
        var result = Run(file, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
