using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>edge-gateway running as a child process, as systemd runs it: stopped with SIGTERM, or killed with SIGKILL.</summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private GatewayProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _lines);

    public static GatewayProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(GatewayBinary.Path);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var gateway = new GatewayProcess(process);
        process.OutputDataReceived += (_, line) => gateway.Add(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Add(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>Runs to completion (e.g. --check-config) and returns the exit code.</summary>
    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var gateway = Start(arguments, environment);
        if (!gateway._process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            gateway._process.Kill();
            throw new TimeoutException("edge-gateway did not exit within 30 s:\n" + gateway.Output);
        }

        gateway._process.WaitForExit();
        return (gateway._process.ExitCode, gateway.Output);
    }

    /// <summary>SIGKILL: no chance to flush, as with kill -9 or the OOM killer.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemctl stop sends; returns the exit code, or null if it did not exit in time.</summary>
    public int? Terminate(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(limit))
        {
            return null;
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
