using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Service;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary><c>egw config check</c> and <c>egw audit</c> against a running gateway (issue 17, items 2 and 7).</summary>
public sealed class EgwAgainstRunningGatewayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Before: it checked /etc/edge-gateway/gateway.json (or failed to find edge-gateway at all), not what runs.
    [Fact]
    public async Task Config_check_without_config_checks_the_running_gateways_file_with_its_binary_and_says_so()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => Egw.Run("status", "--socket", site.ControlSocket).ExitCode == 0, Timeout, () => "the control socket\n" + gateway.Output);

        using (var client = ControlClient.Connect(site.ControlSocket))
        {
            var status = client.Send("status").Result!.Value;
            Assert.Equal(GatewayBinary.Path, status.GetProperty("serviceBinary").GetString());
        }

        var run = Egw.Run("config", "check", "--socket", site.ControlSocket);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"checking {site.ConfigFile}: the running gateway's configuration (from its control socket)", run.Lines[0]);
        Assert.Contains($"{site.ConfigFile}: OK", run.Output, StringComparison.Ordinal);
        Assert.Contains("the running gateway uses this file as it is now", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    // Before: the first column was local time, the brackets UTC, and nothing said which.
    [Fact]
    public async Task Audit_prints_every_time_in_utc_marked_z()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => Egw.Run("status", "--socket", site.ControlSocket).ExitCode == 0, Timeout, () => "the control socket\n" + gateway.Output);
        var start = Egw.Run("maintenance", "start", "--device", "dust", "--reason", "filter change", "--for", "10m", "--socket", site.ControlSocket);
        Assert.True(start.ExitCode == 0, start.ToString());

        var entries = JsonDocument.Parse(Egw.Run("audit", "--json", "--socket", site.ControlSocket).Output).RootElement.EnumerateArray().ToArray();
        var lines = Egw.Run("audit", "--socket", site.ControlSocket).Lines;

        var entry = Assert.Single(entries);
        var line = Assert.Single(lines);
        var at = entry.GetProperty("at").GetDateTimeOffset().UtcDateTime;
        Assert.StartsWith(at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z' ", CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.Matches(@"\[none -> maintenance until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\]$", line);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }
}
