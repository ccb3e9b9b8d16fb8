namespace EdgeGateway.Hosting;

/// <summary>
/// The file this service runs from, as <c>egw config check</c> needs it to run the same checks: the executable (the
/// Native AOT binary, or a build's apphost), or the entry .dll when the process is <c>dotnet</c> itself.
/// </summary>
internal static class ServiceBinaryPath
{
    public static string? Current()
    {
        var process = Environment.ProcessPath;
        if (process is null)
        {
            return null;
        }

        if (!string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.Ordinal))
        {
            return process;
        }

        // `dotnet edge-gateway.dll` or `dotnet exec edge-gateway.dll`: the first argument the host passes is the .dll.
        var entry = Environment.GetCommandLineArgs().FirstOrDefault();
        return entry is not null && entry.EndsWith(".dll", StringComparison.Ordinal) ? Path.GetFullPath(entry) : null;
    }
}
