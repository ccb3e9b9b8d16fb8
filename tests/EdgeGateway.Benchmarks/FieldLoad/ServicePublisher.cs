using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// The service to measure when no <c>--service</c> is given: <c>$EGW_FIELD_LOAD_SERVICE</c> (a published
/// edge-gateway), else this checkout's service published Native AOT into a temp directory, as the .deb ships it.
/// </summary>
internal static class ServicePublisher
{
    public const string Variable = "EGW_FIELD_LOAD_SERVICE";
    public const string Label = "checkout";

    public static ServiceUnderTest ThisCheckout(TextWriter log)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            var path = Path.GetFullPath(given);
            log.WriteLine($"field-load: measuring {path} (from {Variable})");
            return File.Exists(path) ? new ServiceUnderTest(Label, path) : throw new FileNotFoundException($"{Variable}={given} does not exist");
        }

        var directory = Path.Combine(Path.GetTempPath(), "egw-field-load-aot");
        var runtime = "linux-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var project = Path.Combine(Bench.RepositoryPaths.Root, "src", "EdgeGateway");
        log.WriteLine($"field-load: no --service given: publishing this checkout's service Native AOT ({runtime}) into {directory} (a few minutes; {Variable}=PATH skips this)");
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", runtime, "-o", directory, "-v", "q", "-nologo"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("dotnet publish did not start");
        publish.WaitForExit();
        var binary = Path.Combine(directory, "edge-gateway");
        if (publish.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"publishing the service failed (exit code {publish.ExitCode})");
        }

        return new ServiceUnderTest(Label, binary);
    }
}
