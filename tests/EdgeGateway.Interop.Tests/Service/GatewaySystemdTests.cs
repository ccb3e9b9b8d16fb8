using System.Diagnostics;
using EdgeGateway.Interop.Tests.Mqtt;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// The service under a stand-in for systemd (Type=notify, WatchdogSec): READY=1 once started, WATCHDOG=1 pings of its
/// own while the pipeline is healthy, STOPPING=1 and exit code 0 on SIGTERM, and log lines in the journal's format.
/// </summary>
public sealed class GatewaySystemdTests
{
    [Fact]
    public async Task Under_systemd_it_notifies_ready_pings_the_watchdog_and_stops_on_sigterm()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var notify = new SystemdNotifyListener(Path.Combine(site.Directory, "notify.sock"));

        // systemd sets these for a Type=notify unit with WatchdogSec=2; exec keeps the pid they name.
        var script = $"export SYSTEMD_EXEC_PID=$$ WATCHDOG_PID=$$ WATCHDOG_USEC=2000000 NOTIFY_SOCKET='{notify.Path}'; exec dotnet exec '{GatewayBinary.Path}' --config '{site.ConfigFile}'";
        using var gateway = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        gateway.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        gateway.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        gateway.BeginOutputReadLine();
        gateway.BeginErrorReadLine();
        try
        {
            await Poll.UntilAsync(() => notify.Count("READY=1") == 1 && notify.Count("WATCHDOG=1") >= 3, TimeSpan.FromSeconds(30),
                () => $"READY=1 and three WATCHDOG=1; got {string.Join(", ", notify.Received.Select(entry => entry.Message))}\n{string.Join('\n', output)}");

            // Pinged at half the interval: three pings within about two seconds of each other.
            var pings = notify.Received.Where(entry => entry.Message == "WATCHDOG=1").Select(entry => entry.At).ToArray();
            Assert.True(pings[^1] - pings[^3] < TimeSpan.FromSeconds(3), $"pings at {string.Join(", ", pings)}");

            using (var kill = Process.Start("kill", ["-TERM", gateway.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(10)), "SIGTERM did not stop it within 10 s");
            gateway.WaitForExit();
            Assert.Equal(0, gateway.ExitCode);
            Assert.Equal(1, notify.Count("STOPPING=1"));

            // The systemd console format: a <priority> prefix the journal turns into the PRIORITY field.
            Assert.Contains(output, line => line.StartsWith("<6>", StringComparison.Ordinal));
        }
        finally
        {
            if (!gateway.HasExited)
            {
                gateway.Kill(entireProcessTree: true);
            }
        }
    }
}
