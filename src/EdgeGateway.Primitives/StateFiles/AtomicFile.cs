namespace EdgeGateway.Primitives.StateFiles;

/// <summary>
/// Replaces a small state file atomically: writes a temporary file in the same directory, flushes it to the device
/// (fsync), then renames it over the old one, so a crash or power cut leaves either the old or the new contents,
/// never a torn file. The directory entry itself is not fsynced (.NET has no API for it), so right after a power cut
/// the rename may be lost and the previous file read instead.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
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
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
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
