using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Packaging;

/// <summary>
/// Where the packaging files are, and the host tools the packaging tests need: a missing one skips the test with
/// the command that fixes it (CI runs with --fail-skips, so there a skip fails).
/// </summary>
public static class PackagingRequirements
{
    /// <summary>The environment variable that lets a test install and purge the edge-gateway package on this machine.</summary>
    public const string AllowInstallVariable = "EGW_ALLOW_PACKAGE_INSTALL";

    /// <summary>The repository root: the first directory above the test assembly that holds EdgeGateway.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string UnitFile => Path.Combine(RepositoryRoot, "systemd", "edge-gateway.service");

    public static string RequireSystemdAnalyze() => Require("systemd-analyze", "systemd");

    public static string RequireSystemdSysusers() => Require("systemd-sysusers", "systemd");

    public static string RequireDpkgDeb() => Require("dpkg-deb", "dpkg");

    /// <summary>The newest <c>artifacts/packages/edge-gateway_*_{debianArchitecture}.deb</c>.</summary>
    public static string RequirePackage(string debianArchitecture)
    {
        var directory = Path.Combine(RepositoryRoot, "artifacts", "packages");
        var newest = Directory.Exists(directory)
            ? new DirectoryInfo(directory).GetFiles($"edge-gateway_*_{debianArchitecture}.deb").OrderByDescending(file => file.LastWriteTimeUtc).FirstOrDefault()
            : null;
        if (newest is null)
        {
            Assert.Skip($"no artifacts/packages/edge-gateway_*_{debianArchitecture}.deb: build it with .ci/package --arch {(debianArchitecture == "amd64" ? "x64" : debianArchitecture)}");
        }

        return newest.FullName;
    }

    /// <summary>Skips unless this process is root and <see cref="AllowInstallVariable"/> is 1 (CI's .ci/run sets it).</summary>
    public static void RequireInstallPermission()
    {
        if (Environment.GetEnvironmentVariable(AllowInstallVariable) != "1")
        {
            Assert.Skip($"installs and purges the edge-gateway package on this machine: set {AllowInstallVariable}=1 (as root) to allow it");
        }

        if (!IsRoot())
        {
            Assert.Skip($"{AllowInstallVariable}=1, but dpkg -i needs root and this test runs as uid {File.ReadLines("/proc/self/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal))}");
        }

        Require("dpkg", "dpkg");
    }

    /// <summary>Skips unless this process runs as root, with the reason.</summary>
    public static void RequireRoot(string why)
    {
        if (!IsRoot())
        {
            Assert.Skip($"needs root: {why}");
        }
    }

    private static bool IsRoot()
    {
        // "Uid:\t<real>\t<effective>\t<saved>\t<fs>"
        var uid = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uid?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && fields[2] == "0";
    }

    private static string Require(string executable, string package)
    {
        var found = PeerRequirements.FindExecutable(executable);
        if (found is null)
        {
            Assert.Skip($"{executable} is not installed: apt-get install {package}");
        }

        return found;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"EdgeGateway.sln not found above {AppContext.BaseDirectory}");
    }
}
