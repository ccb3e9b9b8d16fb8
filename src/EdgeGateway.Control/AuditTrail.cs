using System.Text;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Control;

/// <summary>
/// The append-only audit trail of technicians' actions: one JSON object per line in a file in the state directory,
/// flushed to disk before the action is confirmed, so a confirmed action is never missing from it. A damaged line
/// (a power cut mid-write) is skipped when reading, never fatal. When the file cannot be written (disk full) the
/// action still goes ahead (a technician may be there to fix the disk): the line waits in memory, in order, and is
/// written by the next append or retry of its <see cref="StateFileWriter"/>, which counts the failure for the health.
/// </summary>
public sealed class AuditTrail
{
    private readonly Lock _gate = new();
    private readonly StateFileWriter _writer;

    public AuditTrail(string path)
        : this(new StateFileWriter(path))
    {
    }

    public AuditTrail(StateFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    public string Path => _writer.Path;

    /// <summary>Appends the entry; false when it is not on disk yet (kept and retried).</summary>
    public bool Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.Serialize(entry, AuditJsonContext.Default.AuditEntry) + "\n";
        lock (_gate)
        {
            return _writer.Append(Encoding.UTF8.GetBytes(line));
        }
    }

    /// <summary>Entries at or after <paramref name="since"/>, oldest first, at most the last <paramref name="maxCount"/>.</summary>
    public IReadOnlyList<AuditEntry> Read(DateTimeOffset since, int maxCount = 1000)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var entries = new Queue<AuditEntry>();
        lock (_gate)
        {
            foreach (var line in File.ReadLines(Path))
            {
                AuditEntry? entry;
                try
                {
                    entry = JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditEntry);
                }
                catch (JsonException)
                {
                    continue;
                }

                if (entry is not null && entry.At >= since)
                {
                    entries.Enqueue(entry);
                    if (entries.Count > maxCount)
                    {
                        entries.Dequeue();
                    }
                }
            }
        }

        return [.. entries];
    }
}
