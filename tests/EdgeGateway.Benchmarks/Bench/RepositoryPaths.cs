namespace EdgeGateway.Benchmarks.Bench;

/// <summary>Finds the repository (for the shipped profiles) from wherever the bench runs.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "EdgeGateway.sln")))
                    {
                        return directory.FullName;
                    }
                }
            }

            throw new InvalidOperationException("EdgeGateway.sln not found above the working directory");
        }
    }

    public static string Profiles => Path.Combine(Root, "hardware", "profiles");
}
