using System.Diagnostics;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Packaging;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// The control socket's mode (0660) is the technicians' permission: egw run as a user outside the socket's group is
/// refused by the kernel with a message that says how to get access, and the same user in the group gets through.
/// egw runs as a separate process under another uid (setpriv), as a technician's shell would.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EgwPermissionTests
{
    private const uint Nobody = 65534;

    [Fact]
    public async Task A_user_outside_the_sockets_group_is_refused_with_how_to_join_and_a_member_gets_through()
    {
        PackagingRequirements.RequireRoot("egw must run as another user (setpriv) against a socket the service created");
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => File.Exists(site.ControlSocket) && PlatformStream.Readings(site.Platform.Messages).Count > 0, TimeSpan.FromSeconds(60), () => "the control socket\n" + gateway.Output);

        // Only the socket's own mode may stand in the way, not the test's temp directory (0700).
        File.SetUnixFileMode(site.Directory, (UnixFileMode)Convert.ToInt32("755", 8));
        var socketGroup = SocketGroup(site.ControlSocket);

        var outsider = RunAs(Nobody, [], "status", "--socket", site.ControlSocket);
        Assert.True(outsider.ExitCode == 3, outsider.ToString());
        Assert.Contains($"egw: permission denied on {site.ControlSocket}: add yourself to the edge-gateway group (sudo usermod -aG edge-gateway $USER, then log in again)", outsider.Error, StringComparison.Ordinal);

        var calibrate = RunAs(Nobody, [], "calibrate", "cems.so2", "show", "--json", "--socket", site.ControlSocket);
        Assert.Equal(3, calibrate.ExitCode);
        Assert.Equal("unavailable", System.Text.Json.JsonDocument.Parse(calibrate.Output).RootElement.GetProperty("kind").GetString());

        var member = RunAs(Nobody, [socketGroup], "status", "--socket", site.ControlSocket);
        Assert.True(member.ExitCode == 0, member.ToString());
        Assert.Contains($"gateway {ServiceTestSite.GatewayId}", member.Output, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static uint SocketGroup(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%g", path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return uint.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (int ExitCode, string Output, string Error) RunAs(uint user, uint[] groups, params string[] egwArguments)
    {
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"--reuid={user}", $"--regid={user}", groups.Length == 0 ? "--clear-groups" : $"--groups={string.Join(',', groups)}", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", "dotnet", Path.Combine(AppContext.BaseDirectory, "egw.dll")])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in egwArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
