using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeGateway.Interop.Tests.Service;

namespace EdgeGateway.Interop.Tests.Demo;

/// <summary>The README's first command: the demo starts, the platform receives data within seconds, Ctrl+C stops it cleanly.</summary>
public sealed class DemoTests
{
    [Fact]
    public void The_demo_publishes_within_seconds_and_stops_on_sigint_with_exit_code_0()
    {
        var gateway = GatewayBinary.Path;
        var lines = new ConcurrentQueue<string>();
        // SIGINT back to its default first (see DemoProcess.Start): an inherited "ignored" would hide the Ctrl+C.
        using var process = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", "exec", gateway, "--demo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, e) => Enqueue(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Enqueue(lines, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var published = SpinWait.SpinUntil(() => lines.Any(line => line.Contains("platform ← readings seq 1-", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
            Assert.True(published, "no readings reached the platform within 30 s:\n" + string.Join('\n', lines));

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(15)), "the demo did not stop within 15 s of SIGINT; its last lines:\n" + string.Join('\n', lines.TakeLast(40)));
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains(lines, line => line.StartsWith("edge-gateway demo: stopped", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Enqueue(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
