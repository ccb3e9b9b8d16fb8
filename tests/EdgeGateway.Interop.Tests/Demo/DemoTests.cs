using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeGateway.Interop.Tests.Service;

namespace EdgeGateway.Interop.Tests.Demo;

/// <summary>
/// The README's first command: the demo starts, explains its lines (a legend), the platform receives data within
/// seconds, a short status line comes every 30 s instead of the health document, and Ctrl+C stops it cleanly.
/// </summary>
public sealed class DemoTests
{
    [Fact]
    public void The_demo_prints_a_legend_publishes_within_seconds_shows_a_short_status_line_and_stops_on_sigint_with_exit_code_0()
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
            var status = SpinWait.SpinUntil(() => lines.Any(line => line.Contains(" status: devices ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
            Assert.True(status, "no status line within 60 s:\n" + string.Join('\n', lines));
            Assert.Contains(lines, line => Regex.IsMatch(line, @"^\d\d:\d\d:\d\d status: devices \d of 3 answering.*; backlog \d+ records; MQTT connected; HJ 212 demo-hj212 .*; alarms: none$"));

            // The legend, before the platform's first line.
            var legend = lines.TakeWhile(line => !line.Contains("platform ←", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal)).ToList();
            Assert.Contains(legend, line => line == "edge-gateway demo: how to read the lines below");
            Assert.Contains(legend, line => line.Contains("N normal, B no answer from the analyzer", StringComparison.Ordinal));
            Assert.Contains(legend, line => line.Contains("zs= the same converted", StringComparison.Ordinal));

            // Issue 17, item 3: the status topic's health document was one line of some 1,800 characters a minute.
            Assert.DoesNotContain(lines, line => line.Contains("\"health\"", StringComparison.Ordinal));
            Assert.All(lines.Where(line => line.Contains("platform ←", StringComparison.Ordinal)), line => Assert.True(line.Length <= 250, line));

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
