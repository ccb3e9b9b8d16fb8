using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation.State;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// The aggregator as a stage of the ring's consumer: feeds it every reading, closes windows on ticks, hands closed
/// records on, and keeps the open windows in a state file so a restart in the middle of an hour loses nothing.
/// </summary>
public sealed class AggregationStage : IReadingBatchHandler
{
    private readonly Aggregator _aggregator;
    private readonly IReadOnlyList<IClosedRecordHandler> _receivers;
    private readonly AggregationStateFile? _stateFile;
    private readonly TimeSpan _saveInterval;
    private DateTimeOffset _lastSave;

    /// <param name="aggregator">A fresh aggregator; restored from <paramref name="stateFile"/> here if it holds a snapshot.</param>
    /// <param name="receivers">
    /// Receive the records as windows close, in this order, on the consumer thread; already here, when a window
    /// restored from <paramref name="stateFile"/> ended while the process was down and closes in this constructor.
    /// </param>
    /// <param name="stateFile">Where open windows are kept across restarts; null keeps them in memory only.</param>
    /// <param name="now">The time of start, to close windows that ended while the process was down.</param>
    /// <param name="saveInterval">How often the open windows are saved (and always on the final tick).</param>
    /// <param name="storedUntil">
    /// The newest window start of a period the store already holds (null: none). The state file is saved once a minute,
    /// so after a kill its snapshot may still hold open a window that was closed and stored since; restoring it would
    /// close that window a second time, from fewer samples, and contradict the stored record. Records of windows that
    /// start no later than this are therefore not handed on at restore. Null: nothing is stored yet, or no store.
    /// </param>
    public AggregationStage(Aggregator aggregator, IReadOnlyList<IClosedRecordHandler> receivers, AggregationStateFile? stateFile, DateTimeOffset now, TimeSpan? saveInterval = null, Func<AggregatePeriod, DateTimeOffset?>? storedUntil = null)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(receivers);
        _aggregator = aggregator;
        _receivers = receivers;
        _stateFile = stateFile;
        _saveInterval = saveInterval ?? TimeSpan.FromMinutes(1);
        _lastSave = now;
        if (stateFile?.Load() is { } snapshot)
        {
            Publish(NotYetStored(_aggregator.Restore(snapshot, now), storedUntil));
        }
    }

    public Aggregator Aggregator => _aggregator;

    public void Handle(ReadOnlySpan<Reading> batch) => Publish(_aggregator.Add(batch));

    public void Tick(DateTimeOffset now)
    {
        Publish(_aggregator.Advance(now));
        if (now - _lastSave >= _saveInterval)
        {
            Save(now);
        }
    }

    /// <summary>Saves the open windows now (call it on a graceful stop).</summary>
    public void Save(DateTimeOffset now)
    {
        _stateFile?.Save(_aggregator.ExportSnapshot());
        _lastSave = now;
    }

    /// <summary>Restored records that were handed on already by an earlier process (see the constructor), counted.</summary>
    public int RestoredAlreadyStored { get; private set; }

    private IReadOnlyList<AggregateRecord> NotYetStored(IReadOnlyList<AggregateRecord> restored, Func<AggregatePeriod, DateTimeOffset?>? storedUntil)
    {
        if (storedUntil is null || restored.Count == 0)
        {
            return restored;
        }

        var latest = new Dictionary<AggregatePeriod, DateTimeOffset?>();
        var fresh = new List<AggregateRecord>(restored.Count);
        foreach (var record in restored)
        {
            if (!latest.TryGetValue(record.Period, out var stored))
            {
                latest[record.Period] = stored = storedUntil(record.Period);
            }

            if (stored is { } until && record.StartUtc <= until)
            {
                RestoredAlreadyStored++;
            }
            else
            {
                fresh.Add(record);
            }
        }

        return fresh;
    }

    private void Publish(IReadOnlyList<AggregateRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        foreach (var receiver in _receivers)
        {
            receiver.OnClosed(records);
        }
    }
}
