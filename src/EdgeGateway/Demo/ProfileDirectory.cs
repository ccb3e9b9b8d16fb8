namespace EdgeGateway.Demo;

/// <summary>Where the shipped profiles are: next to the binary (a build or a package), or in the source tree.</summary>
internal static class ProfileDirectory
{
    public static string? Find()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "profiles"),
            "/usr/share/edge-gateway/profiles",
            Path.Combine(Environment.CurrentDirectory, "hardware", "profiles"),
        ];
        return candidates.FirstOrDefault(directory => Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.json").Any());
    }
}
