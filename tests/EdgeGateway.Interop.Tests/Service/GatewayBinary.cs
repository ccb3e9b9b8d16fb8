namespace EdgeGateway.Interop.Tests.Service;

/// <summary>The built edge-gateway.dll beside this test assembly's configuration (the solution build makes both).</summary>
internal static class GatewayBinary
{
    public static string Path { get; } = Find();

    /// <summary>The shipped profiles copied next to the binary.</summary>
    public static string ProfileDirectory => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "profiles");

    private static string Find()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/<Configuration>/net10.0/
        for (var directory = here; directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "src", "EdgeGateway", "bin", configuration, "net10.0", "edge-gateway.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"edge-gateway.dll ({configuration}) not found: build the solution first (dotnet build EdgeGateway.sln)");
    }
}
