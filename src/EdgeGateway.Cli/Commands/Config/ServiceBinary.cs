namespace EdgeGateway.Cli.Commands.Config;

/// <summary>
/// Finds the service's binary, so that <c>egw config check</c> runs the very checks the service runs at start instead
/// of a copy of them that could drift: <c>$EGW_SERVICE_BINARY</c>, else <c>edge-gateway</c> next to egw (the package
/// installs both in /usr/lib/edge-gateway), else <c>edge-gateway.dll</c> there (a build tree), else the PATH. When a
/// gateway runs, the binary it runs from comes second, right after the variable: the checks of the version that runs.
/// </summary>
internal static class ServiceBinary
{
    public const string Variable = "EGW_SERVICE_BINARY";

    /// <summary>The file name and the arguments that come before the service's own (<c>dotnet</c> for a .dll).</summary>
    /// <param name="running">The running gateway's own binary, if one runs and said so.</param>
    public static (string FileName, IReadOnlyList<string> Prefix)? Find(string? running = null)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (running is { Length: > 0 })
        {
            candidates.Add(running);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "edge-gateway"));
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "edge-gateway.dll"));
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(directory, "edge-gateway"));
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", [candidate]) : (candidate, []);
            }
        }

        return null;
    }
}
