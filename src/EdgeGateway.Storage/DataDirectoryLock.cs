using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static EdgeGateway.Storage.DataDirectoryLockNative;

namespace EdgeGateway.Storage;

/// <summary>
/// One gateway per data directory: an exclusive flock on <c>edge-gateway.lock</c> in it, held for the life of the
/// process (the kernel drops it when the process ends, even on kill -9, so a crash leaves no stale lock). The holder
/// writes its PID into the file so a second instance can name it. Taken before anything else touches the directory:
/// a second instance on the same config would otherwise take the control socket and write into the same outbox.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "edge-gateway.lock";

    private int _descriptor;

    private DataDirectoryLock(int descriptor, string path)
    {
        _descriptor = descriptor;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Takes the lock, or says why not.</summary>
    /// <param name="directory">The data (state) directory; created if missing.</param>
    /// <param name="setting">Where the directory is configured, for the messages (e.g. "storage.directory in /etc/edge-gateway/gateway.json").</param>
    /// <param name="held">The lock, to keep until the process ends.</param>
    /// <param name="error">Why it cannot be taken: another instance (with its PID when known) or the directory.</param>
    public static bool TryAcquire(string directory, string setting, out DataDirectoryLock? held, out string? error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        held = null;
        error = null;
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(directory), FileName);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"the state directory {directory} cannot be used ({setting}): {exception.Message}";
            return false;
        }

        var descriptor = Open(path, ReadWrite | Create | CloseOnExec, Convert.ToInt32("644", 8));
        if (descriptor < 0)
        {
            error = $"the state directory {directory} cannot be used ({setting}): cannot open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
            return false;
        }

        if (Flock(descriptor, LockExclusive | LockNonBlocking) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var holder = ReadPid(descriptor);
            Close(descriptor);
            error = errno == WouldBlock
                ? $"another edge-gateway ({(holder is { } pid ? $"PID {pid}" : "PID not recorded")}) already runs on the data directory {directory} ({setting}; it holds {path}); stop it first"
                : $"the state directory {directory} cannot be used ({setting}): cannot lock {path}: {Marshal.GetPInvokeErrorMessage(errno)}";
            return false;
        }

        // Best effort: on a full disk the PID may not fit, and the lock holds without it.
        WritePid(descriptor, Environment.ProcessId);
        held = new DataDirectoryLock(descriptor, path);
        return true;
    }

    public void Dispose()
    {
        var descriptor = Interlocked.Exchange(ref _descriptor, -1);
        if (descriptor >= 0)
        {
            Close(descriptor);
        }
    }

    private static unsafe int? ReadPid(int descriptor)
    {
        var buffer = stackalloc byte[32];
        var count = PRead(descriptor, buffer, 32, 0);
        if (count <= 0)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(buffer, (int)count).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static unsafe void WritePid(int descriptor, int pid)
    {
        var bytes = Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n");
        FTruncate(descriptor, 0);
        fixed (byte* pointer = bytes)
        {
            PWrite(descriptor, pointer, (nuint)bytes.Length, 0);
        }
    }
}
