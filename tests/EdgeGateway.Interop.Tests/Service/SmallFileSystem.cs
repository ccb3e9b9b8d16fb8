using System.Diagnostics;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>An 8 MiB tmpfs mounted on a directory for a test, which another file can fill; skips the test when not root.</summary>
internal sealed class SmallFileSystem : IDisposable
{
    private readonly string _directory;

    private SmallFileSystem(string directory) => _directory = directory;

    private string Filler => Path.Combine(_directory, "filler");

    public static SmallFileSystem Mount(string directory)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("mounting a tmpfs needs root (CI runs the interop tests as root)");
        }

        Directory.CreateDirectory(directory);
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", directory);
        if (exitCode != 0)
        {
            Assert.Skip($"cannot mount a tmpfs here: {output.Trim()}");
        }

        return new SmallFileSystem(directory);
    }

    /// <summary>Writes a file until the file system says ENOSPC.</summary>
    public void Fill()
    {
        var block = new byte[16 * 1024];
        using var stream = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        // Lazy: the gateway of a failed test may still hold files in it.
        Run("umount", "-l", _directory);
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
