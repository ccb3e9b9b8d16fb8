using System.Diagnostics;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// How to run <c>egw</c> for the simulators: <c>$EGW_FIELD_LOAD_EGW</c> (an egw.dll, run by dotnet, or an AOT egw),
/// else this checkout's Release build of egw.dll, built when it is missing.
/// </summary>
internal sealed record SimulatorCommand(string Path)
{
    public const string Variable = "EGW_FIELD_LOAD_EGW";

    public static SimulatorCommand Resolve(TextWriter log)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            var path = System.IO.Path.GetFullPath(given);
            return File.Exists(path) ? new SimulatorCommand(path) : throw new FileNotFoundException($"{Variable}={given} does not exist");
        }

        var project = System.IO.Path.Combine(Bench.RepositoryPaths.Root, "src", "EdgeGateway.Cli");
        var built = System.IO.Path.Combine(project, "bin", "Release", "net10.0", "egw.dll");
        if (!File.Exists(built))
        {
            log.WriteLine($"field-load: building egw (Release) for the simulators: {built}");
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-v", "q", "-nologo"]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("dotnet build did not start");
            build.WaitForExit();
            if (build.ExitCode != 0 || !File.Exists(built))
            {
                throw new InvalidOperationException($"building egw failed (exit code {build.ExitCode})");
            }
        }

        return new SimulatorCommand(built);
    }

    public Process Start(IEnumerable<string> arguments)
    {
        var info = Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet", [Path, .. arguments])
            : new ProcessStartInfo(Path, arguments);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return Process.Start(info) ?? throw new InvalidOperationException($"{Path} did not start");
    }
}
