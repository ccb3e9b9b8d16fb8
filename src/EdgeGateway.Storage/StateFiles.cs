using EdgeGateway.Pipeline;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Storage;

/// <summary>
/// The state directory's small files, each written through its <see cref="StateFileWriter"/>: one place to see their
/// failures (health, <c>egw status</c>) and, as a stage of the ring's consumer, to retry what is waiting every
/// <see cref="RetryInterval"/> even when nothing changes (alarms.json is written only when an alarm changes).
/// </summary>
public sealed class StateFiles(TimeProvider? time = null) : IReadingBatchHandler
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly List<StateFileWriter> _writers = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private DateTimeOffset _lastRetry;

    /// <summary>A writer for <paramref name="path"/>, reported with the others.</summary>
    public StateFileWriter Writer(string path)
    {
        var writer = new StateFileWriter(path, _time);
        lock (_gate)
        {
            _writers.Add(writer);
        }

        return writer;
    }

    public IReadOnlyList<StateFileStatus> Statuses()
    {
        lock (_gate)
        {
            return [.. _writers.Select(writer => writer.Status)];
        }
    }

    /// <summary>Tries every file with a change waiting; true when none is waiting any more.</summary>
    public bool RetryPending()
    {
        StateFileWriter[] writers;
        lock (_gate)
        {
            writers = [.. _writers];
        }

        var all = true;
        foreach (var writer in writers)
        {
            all &= writer.RetryPending();
        }

        return all;
    }

    public void Handle(ReadOnlySpan<Reading> batch)
    {
    }

    public void Tick(DateTimeOffset now)
    {
        if (now - _lastRetry >= RetryInterval)
        {
            _lastRetry = now;
            RetryPending();
        }
    }
}
