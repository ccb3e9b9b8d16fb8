namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>
/// Finds the shipped profiles in the source tree by walking up from the test binary to EdgeGateway.sln, rather than
/// copying them into the output: the tests then always read the files a developer just edited, and the test project
/// needs no build items that might drift from the real layout.
/// </summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string ProfilesDirectory => Path.Combine(Root, "hardware", "profiles");

    public static string Profile(string fileName) => Path.Combine(ProfilesDirectory, fileName);

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
