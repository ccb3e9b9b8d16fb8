using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Interop.Tests.Service;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// One run of the published binary as systemd runs a Type=notify unit: its own notify socket (READY=1 marks the start
/// good), SYSTEMD_EXEC_PID naming it, the trial's faked clock, and its entry in the start log.
/// </summary>
internal sealed class TrialGateway : IDisposable
{
    private readonly Process _process;
    private readonly SystemdNotifyListener _notify;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly FakeTimeline _timeline;
    private bool _disposed;

    private TrialGateway(Process process, SystemdNotifyListener notify, FakeTimeline timeline, ServiceStart start)
    {
        _process = process;
        _notify = notify;
        _timeline = timeline;
        Start = start;
    }

    public ServiceStart Start { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The service's pid (bash execs it, so the pid is the service's own).</summary>
    public int ProcessId => _process.Id;

    public string OutputTail => string.Join('\n', _lines.TakeLast(40));

    public string Output => string.Join('\n', _lines);

    public static TrialGateway Launch(FieldTrialBinary binary, FakeTimeline timeline, string configFile, string notifyPath, ServiceStart start)
    {
        File.Delete(notifyPath);
        var notify = new SystemdNotifyListener(notifyPath);
        // exec keeps the pid SYSTEMD_EXEC_PID names, which is how the service knows it runs under systemd.
        var script = $"export SYSTEMD_EXEC_PID=$$ NOTIFY_SOCKET='{notifyPath}'; exec '{binary.Executable}' --config '{configFile}'";
        var startInfo = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in timeline.Environment(binary.FaketimeLibrary))
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var gateway = new TrialGateway(process, notify, timeline, start);
        process.OutputDataReceived += (_, line) => gateway.Add(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Add(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>Waits for READY=1 (true) or the process's exit or the limit (false); records it in the start log.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        do
        {
            if (_notify.Received.FirstOrDefault(entry => entry.Message == "READY=1") is { Message: not null } ready)
            {
                // The listener's clock starts with the process: when READY=1 arrived, not when the trial looked.
                Start.ReadyAt = Start.StartedAt + ready.At;
                return true;
            }

            if (_process.HasExited)
            {
                RecordExit("exited by itself before READY=1");
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (waited.Elapsed < limit);

        return false;
    }

    /// <summary>SIGTERM, as systemctl stop sends; waits up to <paramref name="limit"/>, then SIGKILL.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        if (_process.HasExited)
        {
            RecordExit("exited by itself (before the planned stop)");
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            RecordExit("SIGTERM (clean stop)");
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
            RecordExit($"SIGKILL after SIGTERM was not obeyed within {limit.TotalSeconds:0} s");
        }
    }

    /// <summary>kill -9: no flush, no goodbye.</summary>
    public async Task KillHardAsync()
    {
        if (_process.HasExited)
        {
            RecordExit("exited by itself (before the planned kill -9)");
            return;
        }

        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        RecordExit("SIGKILL (kill -9)");
    }

    /// <summary>Records an exit the trial did not ask for (call when <see cref="HasExited"/>).</summary>
    public void RecordUnplannedExit() => RecordExit("exited by itself");

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            RecordExit("killed at the end of the trial");
        }

        _process.Dispose();
        _notify.Dispose();
    }

    private void RecordExit(string ending)
    {
        if (Start.EndedAt is not null)
        {
            return;
        }

        _process.WaitForExit();
        // When it exited, not when the trial noticed: ExitTime is the real local clock, moved onto the timeline.
        Start.EndedAt = new DateTimeOffset(_process.ExitTime.ToUniversalTime(), TimeSpan.Zero) + _timeline.Offset;
        Start.ExitCode = _process.ExitCode;
        Start.Ending = ending;
        Start.OutputTail = OutputTail;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            while (_lines.Count > 400 && _lines.TryDequeue(out _))
            {
            }
        }
    }
}
