using System.Text.Json;

namespace EdgeGateway.Core.Aggregation.State;

/// <summary>
/// The aggregator's snapshot on disk, replaced atomically: written to a temporary file in the same directory, flushed
/// to the device (fsync), then renamed over the old one, so a crash or power cut leaves either the old or the new
/// snapshot, never a torn one. The directory entry itself is not fsynced (.NET has no API for it), so right after a
/// power cut the rename may be lost and the previous snapshot read instead, which restores like an older one.
/// </summary>
public sealed class AggregationStateFile(string path)
{
    public string Path { get; } = string.IsNullOrWhiteSpace(path) ? throw new ArgumentException("the state file needs a path", nameof(path)) : path;

    private string TemporaryPath => Path + ".tmp";

    public void Save(AggregationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using (var stream = new FileStream(TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, snapshot, AggregationJsonContext.Default.AggregationSnapshot);
            stream.Flush(flushToDisk: true);
        }

        File.Move(TemporaryPath, Path, overwrite: true);
    }

    /// <summary>The saved snapshot, or null when there is none yet. A leftover temporary file from a crash is ignored.</summary>
    /// <exception cref="InvalidDataException">The file is not a snapshot.</exception>
    public AggregationSnapshot? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return JsonSerializer.Deserialize(stream, AggregationJsonContext.Default.AggregationSnapshot)
                ?? throw new InvalidDataException($"{Path}: the file holds null, not a snapshot");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{Path}: not an aggregation snapshot: {exception.Message}", exception);
        }
    }
}
