using System.Diagnostics;

namespace EdgeGateway.Benchmarks.Bench;

/// <summary>
/// Starts this bench again as a child process in another mode (a counting subscriber, a simulator, a master).
/// Under <c>dotnet run</c> the process is the apphost, so its path alone re-executes the bench; under
/// <c>dotnet EdgeGateway.Benchmarks.dll</c> the process is the dotnet host, which needs the bench's dll before the
/// mode, or it takes the mode for a command of its own ("count-sequences does not exist").
/// </summary>
internal static class SelfCommand
{
    /// <summary>
    /// The start info that runs this bench with <paramref name="arguments"/>, however it was started, with standard
    /// input and output redirected (every child mode says READY on its output and takes commands on its input).
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("the bench's own process path is unknown");
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (IsDotnetHost(processPath))
        {
            start.ArgumentList.Add(typeof(SelfCommand).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>True when <paramref name="processPath"/> is the dotnet host rather than this bench's apphost.</summary>
    public static bool IsDotnetHost(string processPath) =>
        Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
