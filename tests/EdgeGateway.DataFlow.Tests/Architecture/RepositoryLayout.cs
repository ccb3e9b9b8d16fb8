namespace EdgeGateway.DataFlow.Tests.Architecture;

/// <summary>Where the repository's files are, found from the test assembly (tests run from its bin/ folder).</summary>
internal static class RepositoryLayout
{
    /// <summary>The first directory above the test assembly that holds EdgeGateway.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Source => Path.Combine(Root, "src");

    private static string FindRoot()
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
