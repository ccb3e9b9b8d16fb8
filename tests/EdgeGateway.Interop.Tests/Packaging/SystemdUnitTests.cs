using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeGateway.Interop.Tests.Packaging;

/// <summary>systemd/edge-gateway.service and the sysusers.d file, checked with systemd's own tools.</summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    /// <summary>The exposure docs/packaging.md promises; systemd-analyze calls up to 2.0 "OK", and so do we.</summary>
    private const double MaximumExposure = 2.0;

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("egw-unit-");

    [Fact]
    public void The_unit_passes_systemd_analyze_verify()
    {
        var analyze = PackagingRequirements.RequireSystemdAnalyze();
        // verify insists that ExecStart's binary exists. It is /usr/bin/edge-gateway only once the package is
        // installed, so verify a copy whose ExecStart points at a stand-in executable; every other line is as shipped.
        var standIn = Path.Combine(_scratch.FullName, "edge-gateway");
        File.WriteAllText(standIn, "#!/bin/sh\nexit 0\n");
        HostCommand.Check("chmod", "0755", standIn);
        var unit = File.ReadAllText(PackagingRequirements.UnitFile);
        Assert.Contains("\nExecStart=/usr/bin/edge-gateway ", unit, StringComparison.Ordinal);
        var copy = Path.Combine(_scratch.FullName, "edge-gateway.service");
        File.WriteAllText(copy, unit.Replace("\nExecStart=/usr/bin/edge-gateway ", $"\nExecStart={standIn} ", StringComparison.Ordinal));

        var result = HostCommand.Run(analyze, "verify", copy);

        Assert.True(result.ExitCode == 0, result.ToString());
        // verify reports unknown keys, bad values and missing units as warnings on stderr with exit code 0.
        Assert.True(string.IsNullOrWhiteSpace(result.Error), result.ToString());
    }

    [Fact]
    public void The_unit_exposure_from_systemd_analyze_security_is_at_most_2_0()
    {
        var analyze = PackagingRequirements.RequireSystemdAnalyze();

        var result = HostCommand.Run(analyze, "security", "--offline=true", "--no-pager", PackagingRequirements.UnitFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        var overall = OverallExposure().Match(result.Output);
        Assert.True(overall.Success, "no 'Overall exposure level' line:\n" + result);
        var exposure = double.Parse(overall.Groups["exposure"].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= MaximumExposure, $"exposure {exposure} > {MaximumExposure}:\n{result.Output}");
        Assert.DoesNotContain("Unknown key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unit_is_a_notify_service_with_a_watchdog_run_as_edge_gateway()
    {
        var settings = ReadServiceSection(PackagingRequirements.UnitFile);

        Assert.Equal(["notify"], settings["Type"]);
        Assert.Equal(["main"], settings["NotifyAccess"]);
        Assert.Equal(["30"], settings["WatchdogSec"]);
        Assert.Equal(["on-failure"], settings["Restart"]);
        Assert.Equal(["SIGTERM"], settings["KillSignal"]);
        Assert.Equal(["/usr/bin/edge-gateway --config /etc/edge-gateway/gateway.json"], settings["ExecStart"]);
        Assert.Equal(["edge-gateway"], settings["User"]);
        Assert.Equal(["edge-gateway"], settings["Group"]);
        Assert.Equal(["dialout"], settings["SupplementaryGroups"]);
        Assert.Equal(["edge-gateway"], settings["StateDirectory"]);
        Assert.Equal(["edge-gateway"], settings["RuntimeDirectory"]);
        Assert.Equal(["edge-gateway"], settings["ConfigurationDirectory"]);
        Assert.Equal(["no"], settings["PrivateDevices"]);
        Assert.Equal(["closed"], settings["DevicePolicy"]);
        Assert.Equal(["yes"], settings["MemoryDenyWriteExecute"]);
        Assert.Equal([string.Empty], settings["CapabilityBoundingSet"]);
        // The serial ports, GPIO and I2C by device class, read-write.
        Assert.Equal(
            ["char-ttyS rw", "char-ttyUSB rw", "char-ttyACM rw", "char-ttyAMA rw", "char-gpiochip rw", "char-i2c rw"],
            settings["DeviceAllow"]);
        // The credential is an example for a drop-in, not an active line: the file it names does not exist by default.
        Assert.False(settings.ContainsKey("LoadCredential"));
        var stopTimeout = int.Parse(settings["TimeoutStopSec"].Single(), CultureInfo.InvariantCulture);
        Assert.InRange(stopTimeout, 15, 120);
    }

    [Fact]
    public void The_web_console_unit_passes_systemd_analyze_verify_and_security_at_most_2_0()
    {
        var analyze = PackagingRequirements.RequireSystemdAnalyze();
        var unitFile = Path.Combine(PackagingRequirements.RepositoryRoot, "systemd", "edge-gateway-console.service");
        var standIn = Path.Combine(_scratch.FullName, "edge-gateway-console");
        File.WriteAllText(standIn, "#!/bin/sh\nexit 0\n");
        HostCommand.Check("chmod", "0755", standIn);
        var unit = File.ReadAllText(unitFile);
        Assert.Contains("\nExecStart=/usr/bin/edge-gateway-console ", unit, StringComparison.Ordinal);
        var copy = Path.Combine(_scratch.FullName, "edge-gateway-console.service");
        File.WriteAllText(copy, unit.Replace("\nExecStart=/usr/bin/edge-gateway-console ", $"\nExecStart={standIn} ", StringComparison.Ordinal));

        var verify = HostCommand.Run(analyze, "verify", copy);
        var security = HostCommand.Run(analyze, "security", "--offline=true", "--no-pager", unitFile);

        Assert.True(verify.ExitCode == 0 && string.IsNullOrWhiteSpace(verify.Error), verify.ToString());
        Assert.True(security.ExitCode == 0, security.ToString());
        var overall = OverallExposure().Match(security.Output);
        Assert.True(overall.Success, "no 'Overall exposure level' line:\n" + security);
        var exposure = double.Parse(overall.Groups["exposure"].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= MaximumExposure, $"exposure {exposure} > {MaximumExposure}:\n{security.Output}");
        // A user of its own, which reaches the control socket (0660, group edge-gateway) through the group only.
        var settings = ReadServiceSection(unitFile);
        Assert.Equal(["yes"], settings["DynamicUser"]);
        Assert.Equal(["edge-gateway"], settings["SupplementaryGroups"]);
        Assert.Equal(["/usr/bin/edge-gateway-console --config /etc/edge-gateway/gateway.json"], settings["ExecStart"]);
    }

    [Fact]
    public void Sysusers_creates_a_system_user_without_login_in_dialout_gpio_and_i2c()
    {
        var sysusers = PackagingRequirements.RequireSystemdSysusers();
        PackagingRequirements.RequireRoot("systemd-sysusers --root copies file ownership, and the test reads /etc/shadow");
        // A root with a copy of this machine's user database: the real one is left alone.
        var etc = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "root", "etc"));
        foreach (var file in new[] { "passwd", "group", "shadow", "gshadow", "login.defs" })
        {
            if (File.Exists(Path.Combine("/etc", file)))
            {
                File.Copy(Path.Combine("/etc", file), Path.Combine(etc.FullName, file));
            }
        }

        // A machine where the package was installed before has the user already: start from one without it.
        foreach (var file in new[] { "passwd", "group", "shadow", "gshadow" })
        {
            RemoveLines(Path.Combine(etc.FullName, file), "edge-gateway:");
        }

        var sysusersFile = Path.Combine(PackagingRequirements.RepositoryRoot, "systemd", "edge-gateway.sysusers");

        var result = HostCommand.Run(sysusers, "--root=" + Path.GetDirectoryName(etc.FullName), sysusersFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        var user = File.ReadLines(Path.Combine(etc.FullName, "passwd")).Single(line => line.StartsWith("edge-gateway:", StringComparison.Ordinal)).Split(':');
        Assert.Equal("/var/lib/edge-gateway", user[5]);
        Assert.Equal("/usr/sbin/nologin", user[6]);
        Assert.InRange(int.Parse(user[2], CultureInfo.InvariantCulture), 1, 999); // a system uid
        var groups = File.ReadLines(Path.Combine(etc.FullName, "group")).Select(line => line.Split(':')).ToDictionary(fields => fields[0], fields => fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("edge-gateway", groups["dialout"]);
        Assert.Contains("edge-gateway", groups["gpio"]);
        Assert.Contains("edge-gateway", groups["i2c"]);
        Assert.Equal(user[3], File.ReadLines(Path.Combine(etc.FullName, "group")).Single(line => line.StartsWith("edge-gateway:", StringComparison.Ordinal)).Split(':')[2]);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    /// <summary>The [Service] section's settings, each key with its values in file order (comments dropped).</summary>
    private static Dictionary<string, List<string>> ReadServiceSection(string unitFile)
    {
        var settings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var section = string.Empty;
        foreach (var raw in File.ReadLines(unitFile))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section == "[Service]" && equals > 0)
            {
                var key = line[..equals].Trim();
                if (!settings.TryGetValue(key, out var values))
                {
                    settings[key] = values = [];
                }

                values.Add(line[(equals + 1)..].Trim());
            }
        }

        return settings;
    }

    private static void RemoveLines(string file, string prefix)
    {
        if (File.Exists(file))
        {
            File.WriteAllLines(file, File.ReadLines(file).Where(line => !line.StartsWith(prefix, StringComparison.Ordinal)).ToList());
        }
    }

    [GeneratedRegex(@"Overall exposure level for [^:]+: (?<exposure>[0-9]+(\.[0-9]+)?)")]
    private static partial Regex OverallExposure();
}
