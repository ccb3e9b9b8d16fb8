namespace EdgeGateway.WebConsole.Tests;

/// <summary>The built edge-gateway.dll and edge-gateway-console.dll of this test assembly's configuration.</summary>
internal static class BuiltBinaries
{
    public static string Gateway { get; } = Find("EdgeGateway", "edge-gateway.dll");

    public static string Console { get; } = Find("EdgeGateway.WebConsole", "edge-gateway-console.dll");

    /// <summary>The shipped profiles copied next to the service.</summary>
    public static string ProfileDirectory => Path.Combine(Path.GetDirectoryName(Gateway)!, "profiles");

    private static string Find(string project, string file)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/<Configuration>/net10.0/
        for (var directory = here; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", project, "bin", configuration, "net10.0", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{file} ({configuration}) not found: build tests/EdgeGateway.WebConsole.Tests first");
    }
}
