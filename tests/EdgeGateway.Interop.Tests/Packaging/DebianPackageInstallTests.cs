namespace EdgeGateway.Interop.Tests.Packaging;

/// <summary>
/// Installs, upgrades, removes and purges the amd64 .deb on this machine with dpkg. Runs only as root with
/// EGW_ALLOW_PACKAGE_INSTALL=1 (CI's .ci/run sets both); it purges an edge-gateway package already installed here.
/// </summary>
public sealed class DebianPackageInstallTests : IDisposable
{
    private const string Config = "/etc/edge-gateway/gateway.json";
    private const string DataDirectory = "/var/lib/edge-gateway";

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("egw-install-");

    [Fact]
    public void Install_creates_the_user_and_enables_nothing_upgrade_and_remove_keep_config_and_data_purge_deletes_them()
    {
        PackagingRequirements.RequireInstallPermission();
        var package = PackagingRequirements.RequirePackage("amd64");
        var version = HostCommand.Check("dpkg-deb", "--field", package, "Version").Output.Trim();
        Purge();
        try
        {
            // Install.
            HostCommand.Check("dpkg", "-i", package);

            var gatewayVersion = HostCommand.Check("/usr/bin/edge-gateway", "--version").Output;
            Assert.Contains("edge-gateway " + version.Split('~')[0], gatewayVersion, StringComparison.Ordinal);
            HostCommand.Check("/usr/bin/egw", "--version");
            HostCommand.Check("/usr/bin/edge-gateway-console", "--version");
            var user = HostCommand.Check("getent", "passwd", "edge-gateway").Output.Trim().Split(':');
            Assert.Equal(DataDirectory, user[5]);
            Assert.Equal("/usr/sbin/nologin", user[6]);
            Assert.Contains("dialout", HostCommand.Check("id", "-nG", "edge-gateway").Output.Split(' ', StringSplitOptions.TrimEntries));
            Assert.Equal("edge-gateway edge-gateway 750", HostCommand.Check("stat", "-c", "%U %G %a", DataDirectory).Output.Trim());
            Assert.Equal("root edge-gateway 750", HostCommand.Check("stat", "-c", "%U %G %a", "/etc/edge-gateway").Output.Trim());
            Assert.True(File.Exists(Config));
            AssertNothingEnabled();

            // The installed binary finds the shipped profiles (/usr/share/edge-gateway/profiles) for the shipped config,
            // with the serial port, storage and socket moved to places that exist on a build machine.
            var smokeConfig = Path.Combine(_scratch.FullName, "gateway.json");
            File.WriteAllText(smokeConfig, File.ReadAllText(Config)
                .Replace("\"/dev/ttyRS485-1\"", "\"tcp://127.0.0.1:5020\"", StringComparison.Ordinal)
                .Replace("\"/var/lib/edge-gateway\"", $"\"{_scratch.FullName}/data\"", StringComparison.Ordinal)
                .Replace("\"/run/edge-gateway/control.sock\"", $"\"{_scratch.FullName}/control.sock\"", StringComparison.Ordinal));
            var check = HostCommand.Run("/usr/bin/edge-gateway", "--check-config", "--config", smokeConfig);
            Assert.True(check.ExitCode == 0, check.ToString());

            // egw finds the service's binary next to its own for config check, and completes itself in bash.
            var egwCheck = HostCommand.Run("/usr/bin/egw", "config", "check", "--config", smokeConfig);
            Assert.True(egwCheck.ExitCode == 0, egwCheck.ToString());
            Assert.Contains($"{smokeConfig}: OK", egwCheck.Output, StringComparison.Ordinal);
            var completion = HostCommand.Check("bash", "-c", "source /usr/share/bash-completion/completions/egw; COMP_LINE='egw cali'; COMP_POINT=8; _egw; printf '%s\\n' \"${COMPREPLY[@]}\"");
            Assert.Equal("calibrate", completion.Output.Trim());

            // Upgrade (here: the same package again): a changed config and the data survive, without a question.
            File.AppendAllText(Config, "// changed on site\n");
            var marker = Path.Combine(DataDirectory, "package-test-marker");
            File.WriteAllText(marker, "outbox stand-in");
            HostCommand.Check("dpkg", "-i", package);
            Assert.EndsWith("// changed on site\n", File.ReadAllText(Config), StringComparison.Ordinal);
            Assert.True(File.Exists(marker));
            AssertNothingEnabled();

            // Remove: the binaries go; the config, the data and the user stay.
            HostCommand.Check("dpkg", "-r", "edge-gateway");
            Assert.False(File.Exists("/usr/bin/edge-gateway"));
            Assert.False(Directory.Exists("/usr/lib/edge-gateway"));
            Assert.True(File.Exists(Config), "dpkg -r deleted the conffile");
            Assert.True(File.Exists(marker), "dpkg -r deleted the data");
            Assert.Equal(0, HostCommand.Run("getent", "passwd", "edge-gateway").ExitCode);
            Assert.Equal("config-files", PackageState());

            // Purge: the config, the data and the user go.
            HostCommand.Check("dpkg", "-P", "edge-gateway");
            Assert.False(File.Exists(Config), "dpkg -P left the conffile");
            Assert.False(Directory.Exists("/etc/edge-gateway"), "dpkg -P left /etc/edge-gateway");
            Assert.False(Directory.Exists(DataDirectory), "dpkg -P left the data");
            Assert.NotEqual(0, HostCommand.Run("getent", "passwd", "edge-gateway").ExitCode);
            Assert.NotEqual(0, HostCommand.Run("getent", "group", "edge-gateway").ExitCode);
            Assert.Equal("not-installed", PackageState());
        }
        finally
        {
            Purge();
        }
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    /// <summary>No enablement symlink anywhere: the package must not enable the unit (systemctl may not run here).</summary>
    private static void AssertNothingEnabled()
    {
        var links = Directory.Exists("/etc/systemd/system")
            ? Directory.EnumerateDirectories("/etc/systemd/system")
                .Where(directory => directory.EndsWith(".wants", StringComparison.Ordinal) || directory.EndsWith(".requires", StringComparison.Ordinal))
                .SelectMany(directory => Directory.EnumerateFileSystemEntries(directory, "edge-gateway*"))
                .ToList()
            : [];
        Assert.True(links.Count == 0, "the package enabled the unit: " + string.Join(", ", links));
    }

    /// <summary>dpkg's state of edge-gateway: installed, config-files, not-installed…</summary>
    private static string PackageState()
    {
        var query = HostCommand.Run("dpkg-query", "-W", "-f=${db:Status-Status}", "edge-gateway");
        return query.ExitCode == 0 ? query.Output.Trim() : "not-installed";
    }

    private static void Purge()
    {
        if (PackageState() != "not-installed")
        {
            var purge = HostCommand.Run("dpkg", "-P", "edge-gateway");
            Assert.True(purge.ExitCode == 0, purge.ToString());
        }
    }
}
