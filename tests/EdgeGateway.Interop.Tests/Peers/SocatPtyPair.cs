using System.Diagnostics;
using System.Text;

namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>
/// A serial line without hardware: <c>socat -d -d pty,raw,echo=0,link=DIR/ttyA pty,raw,echo=0,link=DIR/ttyB</c> in a
/// fresh temp directory. Bytes written to one end are read at the other; the baud rate is ignored.
/// </summary>
public sealed class SocatPtyPair : IDisposable
{
    private static readonly TimeSpan LinkWait = TimeSpan.FromSeconds(5);

    private readonly Process _socat;
    private readonly StringBuilder _log = new();

    private SocatPtyPair(Process socat, string directory)
    {
        _socat = socat;
        Directory = directory;
    }

    /// <summary>The temp directory that holds the two links.</summary>
    public string Directory { get; }

    /// <summary>One end of the line (a symlink to /dev/pts/N).</summary>
    public string PathA => Path.Combine(Directory, "ttyA");

    /// <summary>The other end of the line.</summary>
    public string PathB => Path.Combine(Directory, "ttyB");

    /// <summary>True while socat runs (false after <see cref="Kill"/>).</summary>
    public bool IsRunning => !_socat.HasExited;

    /// <summary>What socat printed (its -d -d notices), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts socat and waits until both links exist; skips the test when socat is not installed.</summary>
    public static SocatPtyPair Start()
    {
        string socatPath = PeerRequirements.RequireSocat();
        string directory = System.IO.Directory.CreateTempSubdirectory("egw-pty-").FullName;
        var startInfo = new ProcessStartInfo(socatPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-d", "-d", $"pty,raw,echo=0,link={directory}/ttyA", $"pty,raw,echo=0,link={directory}/ttyB" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var socat = Process.Start(startInfo) ?? throw new InvalidOperationException("socat did not start");
        var pair = new SocatPtyPair(socat, directory);
        socat.ErrorDataReceived += (_, line) => pair.Append(line.Data);
        socat.OutputDataReceived += (_, line) => pair.Append(line.Data);
        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();

        var waited = Stopwatch.StartNew();
        while (!(File.Exists(pair.PathA) && File.Exists(pair.PathB)))
        {
            if (socat.HasExited || waited.Elapsed > LinkWait)
            {
                string log = pair.Log;
                pair.Dispose();
                throw new InvalidOperationException($"socat did not create {pair.PathA} and {pair.PathB} within {LinkWait.TotalSeconds} s: {log}");
            }

            Thread.Sleep(10);
        }

        return pair;
    }

    /// <summary>Kills socat: both ptys hang up and the links dangle, like a USB adapter pulled out.</summary>
    public void Kill()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit();
        }
    }

    /// <summary>Kills socat (if still running) and deletes the temp directory.</summary>
    public void Dispose()
    {
        Kill();
        _socat.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    public override string ToString() => $"socat {PathA} <-> {PathB}";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
