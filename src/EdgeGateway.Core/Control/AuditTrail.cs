using System.Text;
using System.Text.Json;

namespace EdgeGateway.Core.Control;

/// <summary>
/// The append-only audit trail of technicians' actions: one JSON object per line in a file in the state directory,
/// flushed to disk before the action is confirmed, so a confirmed action is never missing from it. A damaged line
/// (a power cut mid-write) is skipped when reading, never fatal.
/// </summary>
public sealed class AuditTrail(string path)
{
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.Serialize(entry, AuditJsonContext.Default.AuditEntry) + "\n";
        lock (_gate)
        {
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(Encoding.UTF8.GetBytes(line));
            file.Flush(flushToDisk: true);
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
