using System.Diagnostics;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// A real full file system: a 2 MB tmpfs mounted for the test, filled by another file. Needs root (as CI runs);
/// the page-limit seam (<see cref="SqliteOutboxDiskFullTests"/>) covers the same paths anywhere.
/// </summary>
public sealed class SqliteOutboxFileSystemFullTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private bool _mounted;

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", _directory.Path);
        }

        _directory.Dispose();
    }

    [Fact]
    public void A_full_file_system_fails_appends_and_they_resume_when_space_is_freed()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("mounting a tmpfs needs root; the page-limit seam tests cover the same paths without it");
        }

        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", _directory.Path);
        if (exitCode != 0)
        {
            Assert.Skip($"cannot mount a tmpfs here: {output.Trim()}");
        }

        _mounted = true;
        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db") });
        outbox.Append(Readings(1_000, T0), [], []);
        var filler = _directory.File("filler");
        FillTheFileSystem(filler);

        OutboxStorageException? failure = null;
        var index = 1_000;
        for (var attempt = 0; failure is null && attempt < 200; attempt++, index += 500)
        {
            var before = outbox.LastSequence;
            try
            {
                outbox.Append(Readings(500, T0, firstIndex: index), [], []);
            }
            catch (OutboxStorageException exception)
            {
                failure = exception;
                Assert.Equal(before, outbox.LastSequence);
            }
        }

        Assert.NotNull(failure);
        Assert.Equal(OutboxFailureKind.DiskFull, failure.Failure);
        var last = outbox.LastSequence;

        File.Delete(filler);

        Assert.Equal(new OutboxAppendResult(last + 1, last + 500), outbox.Append(Readings(500, T0, firstIndex: index), [], []));
        Assert.Equal(Range(1, last + 500), Sequences(ReadAll(outbox)));
    }

    private static void FillTheFileSystem(string path)
    {
        var block = new byte[16 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
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
