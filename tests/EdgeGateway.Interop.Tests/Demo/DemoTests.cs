using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeGateway.Interop.Tests.Demo;

/// <summary>The README's first command: the demo starts, the platform receives data within seconds, Ctrl+C stops it cleanly.</summary>
public sealed class DemoTests
{
    [Fact]
    public void The_demo_publishes_within_seconds_and_stops_on_sigint_with_exit_code_0()
    {
        var gateway = GatewayAssembly();
        var lines = new ConcurrentQueue<string>();
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", gateway, "--demo"])
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

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(15)), "the demo did not stop within 15 s of SIGINT");
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

    /// <summary>edge-gateway.dll built beside this test assembly's configuration (the solution build makes both).</summary>
    private static string GatewayAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/<Configuration>/net10.0/
        for (var directory = here; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "EdgeGateway", "bin", configuration, "net10.0", "edge-gateway.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"edge-gateway.dll ({configuration}) not found: build the solution first (dotnet build EdgeGateway.sln)");
    }
}
