namespace EdgeGateway.Primitives.StateFiles;

/// <summary>
/// Replaces a small state file atomically: writes a temporary file in the same directory, flushes it to the device
/// (fsync), then renames it over the old one, so a crash or power cut leaves either the old or the new contents,
/// never a torn file. The directory entry itself is not fsynced (.NET has no API for it), so right after a power cut
/// the rename may be lost and the previous file read instead.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write) => Write(path, null, write);

    /// <param name="mode">The new file's permissions (e.g. 0640 for a file of password hashes); the umask's default when null.</param>
    public static void Write(string path, UnixFileMode? mode, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is { } unixMode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = unixMode;
                // UnixCreateMode applies only when the file is created: a leftover temporary file would keep its own mode.
                TryDelete(temporary);
            }

            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A half-written temporary file on a full disk would only hold on to the space the next try needs.
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Replaced by the next write anyway.
        }
    }
}
