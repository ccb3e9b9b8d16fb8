using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// What the field trial runs: the published Native AOT edge-gateway that .ci/package leaves under
/// artifacts/package-build/linux-x64/edge-gateway/ (or EGW_FIELD_TRIAL_BINARY), the repository's profiles, and
/// libfaketime, which moves the service's wall clock next to an hour boundary; the trial's log goes to
/// artifacts/field-trial.log.
/// </summary>
internal sealed record FieldTrialBinary(string Executable, string ProfileDirectory, string FaketimeLibrary, string LogFile)
{
    public const string OverrideVariable = "EGW_FIELD_TRIAL_BINARY";

    /// <summary>Finds all three, or skips the test naming the command that provides the missing one.</summary>
    public static FieldTrialBinary Require()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the field trial runs the Linux service binary: Linux only");
        }

        var root = RepositoryRoot();
        var executable = Environment.GetEnvironmentVariable(OverrideVariable);
        if (string.IsNullOrEmpty(executable))
        {
            executable = Path.Combine(root, "artifacts", "package-build", "linux-x64", "edge-gateway", "edge-gateway");
            if (!File.Exists(executable))
            {
                Assert.Skip($"the published edge-gateway binary is missing ({executable}): build it with `bash .ci/package --arch x64` (or `--no-smoke`), or set {OverrideVariable} to an edge-gateway executable");
            }
        }
        else if (!File.Exists(executable))
        {
            Assert.Skip($"{OverrideVariable}={executable} does not exist");
        }

        var faketime = PeerRequirements.RequireLibfaketime();
        return new FieldTrialBinary(executable, Path.Combine(root, "hardware", "profiles"), faketime, Path.Combine(root, "artifacts", "field-trial.log"));
    }

    private static string RepositoryRoot()
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
