using System.Diagnostics;

namespace EdgeGateway.Benchmarks.Bench;

/// <summary>A serial line without hardware: a socat pty pair, one end for the master, one for the slaves.</summary>
internal sealed class SocatLine : IDisposable
{
    private readonly Process _socat;
    private readonly string _directory;

    private SocatLine(Process socat, string directory)
    {
        _socat = socat;
        _directory = directory;
    }

    public string MasterEnd => Path.Combine(_directory, "master");

    public string SlaveEnd => Path.Combine(_directory, "slave");

    public static SocatLine Start()
    {
        var directory = Directory.CreateTempSubdirectory("egw-bench-").FullName;
        var socat = Process.Start(new ProcessStartInfo("socat", [$"pty,raw,echo=0,link={directory}/master", $"pty,raw,echo=0,link={directory}/slave"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("socat did not start (apt-get install socat)");
        var line = new SocatLine(socat, directory);
        if (!SpinWait.SpinUntil(() => File.Exists(line.MasterEnd) && File.Exists(line.SlaveEnd), TimeSpan.FromSeconds(5)))
        {
            line.Dispose();
            throw new InvalidOperationException("socat made no pty pair within 5 s");
        }

        return line;
    }

    public void Dispose()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit();
        }

        _socat.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
