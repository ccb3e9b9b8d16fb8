using System.Text.Json;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>
/// The aggregator's snapshot on disk, replaced atomically (<see cref="AtomicFile"/>): a crash or power cut leaves
/// either the old or the new snapshot, never a torn one; an older one restores like any earlier snapshot. A save that
/// fails (disk full) is counted and retried by its <see cref="StateFileWriter"/>, never thrown.
/// </summary>
public sealed class AggregationStateFile
{
    private readonly StateFileWriter _writer;

    public AggregationStateFile(string path)
        : this(new StateFileWriter(string.IsNullOrWhiteSpace(path) ? throw new ArgumentException("the state file needs a path", nameof(path)) : path))
    {
    }

    public AggregationStateFile(StateFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    public string Path => _writer.Path;

    /// <summary>Replaces the saved snapshot; false when it could not be written (kept and retried, see <see cref="StateFileWriter"/>).</summary>
    public bool Save(AggregationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _writer.Replace(stream => JsonSerializer.Serialize(stream, snapshot, AggregationJsonContext.Default.AggregationSnapshot));
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
