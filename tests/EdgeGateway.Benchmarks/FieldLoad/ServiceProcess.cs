using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>The service as a child process: its last lines of output kept for a failed row, stopped with SIGTERM.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private const int KeptLines = 30;
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<string> _lines = new();

    private ServiceProcess(Process process) => Process = process;

    public Process Process { get; }

    public static ServiceProcess Start(ProcessStartInfo info)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, line) => service.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => service.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The service's last lines of output, for the reason of a failed row.</summary>
    public string Tail() => _lines.IsEmpty ? string.Empty : "; its last output:\n    " + string.Join("\n    ", _lines);

    /// <summary>SIGTERM, as systemctl stop sends; null when it exited with 0, else what went wrong.</summary>
    public string? Terminate()
    {
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!Process.WaitForExit(StopLimit))
        {
            return $"SIGTERM did not stop the service within {StopLimit.TotalSeconds} s; killed";
        }

        Process.WaitForExit();
        return Process.ExitCode == 0 ? null : $"exit code {Process.ExitCode} after SIGTERM" + Tail();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines)
        {
            _lines.TryDequeue(out _);
        }
    }
}
