using System.Diagnostics;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// <c>egw watch</c> in a real terminal: tmux runs it in an 80-column pane against the running service, capture-pane
/// reads the screen; the table shows the values pymodbus serves, refreshes in place, and Ctrl+C leaves it cleanly.
/// </summary>
public sealed class EgwWatchTests
{
    [Fact]
    public async Task Egw_watch_shows_the_live_table_refreshes_and_leaves_cleanly_on_ctrl_c()
    {
        var tmux = PeerRequirements.RequireTmux();
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 30, TimeSpan.FromSeconds(60), () => "30 readings\n" + gateway.Output);

        var session = "egw-watch-" + Environment.ProcessId;
        var egw = Path.Combine(AppContext.BaseDirectory, "egw.dll");
        Run(tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", $"dotnet '{egw}' watch --device dust --socket '{site.ControlSocket}'; echo EXIT=$?; sleep 60");
        try
        {
            string screen = string.Empty;
            await Poll.UntilAsync(() => (screen = Capture(tmux, session)).Contains("dust.particulate", StringComparison.Ordinal), TimeSpan.FromSeconds(30), () => "the table on screen:\n" + screen);
            var first = screen;
            Assert.Matches(@"dust\.particulate\s+12\.3\s+mg/m³\s+N\s+\d+s\s+123", first);
            Assert.Matches(@"dust\.flow\s+45\s+m³/s\s+N", first);
            Assert.All(first.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"wider than 80 columns: '{line}'"));

            // In place: the header's clock moves on, and the screen still holds one table, not a scroll of them.
            await Poll.UntilAsync(() => (screen = Capture(tmux, session)).Split('\n')[0] != first.Split('\n')[0], TimeSpan.FromSeconds(10), () => "a refreshed header:\n" + screen);
            Assert.Single(screen.Split('\n'), line => line.StartsWith("egw watch", StringComparison.Ordinal));

            Run(tmux, "send-keys", "-t", session, "C-c");
            await Poll.UntilAsync(() => (screen = Capture(tmux, session)).Contains("EXIT=0", StringComparison.Ordinal), TimeSpan.FromSeconds(10), () => "EXIT=0 after Ctrl+C:\n" + screen);
            var lines = screen.Split('\n');
            var exit = Array.FindIndex(lines, line => line.Contains("EXIT=0", StringComparison.Ordinal));
            Assert.True(exit > Array.FindLastIndex(lines, line => line.StartsWith("dust.", StringComparison.Ordinal)), "the shell's next line comes below the table:\n" + screen);
        }
        finally
        {
            Run(tmux, "kill-session", "-t", session);
        }

        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static string Capture(string tmux, string session) => Run(tmux, "capture-pane", "-p", "-t", session);

    private static string Run(string tmux, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tmux, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
