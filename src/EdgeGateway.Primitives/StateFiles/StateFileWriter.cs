namespace EdgeGateway.Primitives.StateFiles;

/// <summary>
/// Writes one small file of the state directory (aggregation state, alarms.json, calibration.json, maintenance.json,
/// the audit trail) so that a failure (disk full, I/O error, permissions) never escapes into the caller: the change
/// stays in memory, the failure is counted with its reason in <see cref="Status"/>, and the write is tried again on
/// the next change or <see cref="RetryPending"/>, whichever comes first. Only the newest contents of a replaced file
/// are kept (they supersede older ones); lines of an append-only file are kept in order, up to
/// <see cref="MaxPendingLines"/>.
/// </summary>
/// <remarks>Threads: any; one lock per file, held only while writing it.</remarks>
public sealed class StateFileWriter
{
    /// <summary>Lines of an append-only file kept while it cannot be written; beyond, the oldest are dropped and counted.</summary>
    public const int MaxPendingLines = 10_000;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Queue<byte[]> _pendingLines = new();
    private byte[]? _pendingContents;
    private long _writes;
    private long _failures;
    private long _linesLost;
    private DateTimeOffset? _lastFailedAt;
    private string? _lastError;

    public StateFileWriter(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _time = time ?? TimeProvider.System;
    }

    public string Path { get; }

    public StateFileStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new StateFileStatus(Path, _writes, _failures, _pendingContents is not null || _pendingLines.Count > 0, _lastFailedAt, _lastError, _linesLost);
            }
        }
    }

    /// <summary>Replaces the file atomically with what <paramref name="serialize"/> writes.</summary>
    /// <returns>False when it is not on disk yet (kept, counted and retried).</returns>
    public bool Replace(Action<Stream> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);

        // Serialized in memory first: a half-written temporary file can only come from the disk, not from the serializer.
        using var buffer = new MemoryStream();
        serialize(buffer);
        lock (_gate)
        {
            _pendingContents = buffer.ToArray();
            return FlushPending();
        }
    }

    /// <summary>Appends a line (with its newline) to the file and flushes it to the device; lines still waiting go first.</summary>
    /// <returns>False when it is not on disk yet (kept, counted and retried).</returns>
    public bool Append(byte[] line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate)
        {
            _pendingLines.Enqueue(line);
            while (_pendingLines.Count > MaxPendingLines)
            {
                _pendingLines.Dequeue();
                _linesLost++;
            }

            return FlushPending();
        }
    }

    /// <summary>Tries again what is waiting; true when nothing is waiting any more.</summary>
    public bool RetryPending()
    {
        lock (_gate)
        {
            return (_pendingContents is null && _pendingLines.Count == 0) || FlushPending();
        }
    }

    private bool FlushPending()
    {
        try
        {
            if (_pendingContents is { } contents)
            {
                AtomicFile.Write(Path, stream => stream.Write(contents));
                _pendingContents = null;
                _writes++;
            }

            if (_pendingLines.Count > 0)
            {
                using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
                var start = file.Position;
                try
                {
                    foreach (var line in _pendingLines)
                    {
                        file.Write(line);
                    }

                    file.Flush(flushToDisk: true);
                }
                catch (IOException)
                {
                    // Half the lines may have gone in: cut them off, so the retry does not write them twice.
                    TryTruncate(file, start);
                    throw;
                }

                _writes += _pendingLines.Count;
                _pendingLines.Clear();
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _failures++;
            _lastFailedAt = _time.GetUtcNow();
            _lastError = exception.Message;
            return false;
        }
    }

    private static void TryTruncate(FileStream file, long length)
    {
        try
        {
            file.SetLength(length);
        }
        catch (IOException)
        {
            // Then a retry may repeat a line; a reader skips nothing it cannot parse, and a repeat is better than a loss.
        }
    }
}
