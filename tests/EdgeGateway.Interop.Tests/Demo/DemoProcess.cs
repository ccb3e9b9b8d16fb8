using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Interop.Tests.Service;

namespace EdgeGateway.Interop.Tests.Demo;

/// <summary>edge-gateway --demo with extra arguments, its output and error lines collected as they come.</summary>
internal sealed class DemoProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private DemoProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> Lines => _lines;

    public Process Process => _process;

    public string Transcript => string.Join('\n', _lines);

    public static DemoProcess Start(params string[] arguments)
    {
        // SIGINT back to its default first: a test run started in the background of a script inherits SIGINT
        // ignored, the runtime then never sees the Ctrl+C this class sends, and every stop would time out.
        var process = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", "exec", GatewayBinary.Path, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var demo = new DemoProcess(process);
        process.OutputDataReceived += (_, e) => demo.Enqueue(e.Data);
        process.ErrorDataReceived += (_, e) => demo.Enqueue(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return demo;
    }

    public bool WaitForLine(Func<string, bool> predicate, TimeSpan timeout) => SpinWait.SpinUntil(() => _lines.Any(predicate), timeout);

    /// <summary>Ctrl+C, as a person stops the demo.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Enqueue(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
