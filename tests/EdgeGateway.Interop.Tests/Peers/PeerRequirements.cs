using System.Diagnostics;

namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>
/// Skips a test with the install command when a third-party peer is missing, so a bare machine reports
/// "skipped: socat is not installed: apt-get install socat" rather than a confusing failure.
/// </summary>
public static class PeerRequirements
{
    /// <summary>Debian's python: pymodbus is importable from it only (docs/test-peers.md).</summary>
    public const string SystemPython = "/usr/bin/python3";

    /// <returns>The path of the socat executable.</returns>
    public static string RequireSocat() => RequireExecutable("socat", "socat", "socat");

    /// <returns>The path of tmux, the real terminal for <c>egw watch</c>.</returns>
    public static string RequireTmux() => RequireExecutable("tmux", "tmux", "tmux");

    /// <returns>The path of the mbpoll executable.</returns>
    public static string RequireMbpoll() => RequireExecutable("mbpoll", "mbpoll", "mbpoll");

    /// <returns>The path of the mosquitto broker executable (mosquitto_pub and mosquitto_sub are checked too).</returns>
    public static string RequireMosquitto()
    {
        string broker = RequireExecutable("mosquitto", "mosquitto", "mosquitto mosquitto-clients");
        RequireExecutable("mosquitto_pub", "mosquitto-clients (mosquitto_pub)", "mosquitto-clients");
        RequireExecutable("mosquitto_sub", "mosquitto-clients (mosquitto_sub)", "mosquitto-clients");
        return broker;
    }

    /// <returns>The path of libfaketime's multi-threaded preload library (Debian's faketime package).</returns>
    public static string RequireLibfaketime()
    {
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
            "/usr/lib/faketime/libfaketimeMT.so.1",
        ];
        string? library = candidates.FirstOrDefault(File.Exists);
        if (library is null)
        {
            Assert.Skip($"libfaketime is not installed (looked for {string.Join(", ", candidates)}): apt-get install faketime");
        }

        return library;
    }

    /// <summary>Checks that <c>/usr/bin/python3 -c 'import pymodbus'</c> works.</summary>
    public static void RequirePymodbus()
    {
        if (!File.Exists(SystemPython))
        {
            Assert.Skip($"pymodbus is not installed ({SystemPython} is missing): apt-get install python3-pymodbus");
        }

        var startInfo = new ProcessStartInfo(SystemPython)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("import pymodbus");
        using var python = Process.Start(startInfo) ?? throw new InvalidOperationException($"{SystemPython} did not start");
        // Read both pipes before waiting so a chatty import can never block on a full pipe.
        Task<string> error = python.StandardError.ReadToEndAsync();
        _ = python.StandardOutput.ReadToEndAsync();
        if (!python.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            python.Kill();
            Assert.Skip($"pymodbus check timed out ({SystemPython} -c 'import pymodbus')");
        }

        if (python.ExitCode != 0)
        {
            Assert.Skip($"pymodbus is not installed: apt-get install python3-pymodbus ({error.Result.Trim()})");
        }
    }

    /// <summary>Looks an executable up on PATH and in the sbin directories (mosquitto lives in /usr/sbin).</summary>
    public static string? FindExecutable(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        IEnumerable<string> directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string RequireExecutable(string name, string peer, string package)
    {
        string? found = FindExecutable(name);
        if (found is null)
        {
            Assert.Skip($"{peer} is not installed: apt-get install {package}");
        }

        return found;
    }
}
