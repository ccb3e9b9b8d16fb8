using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;

namespace EdgeGateway.Testing.Storage;

/// <summary>
/// An <see cref="IOutbox"/> in memory: the same numbering, acknowledgement and retention rules as
/// <see cref="SqliteOutbox"/>, nothing survives the process, and there is no size cap. For tests of the publisher and
/// for a gateway run without a disk (a demo); never for a site. Each destination has its own acknowledged sequences.
/// </summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock _lock = new();
    private readonly List<OutboxEntry> _entries = [];
    private readonly Dictionary<string, SequenceRangeSet> _acknowledged;
    private readonly OutboxRetention _retention;
    private long _lastSequence;

    /// <param name="retention">How long records every destination acknowledged are kept; the defaults when null.</param>
    /// <param name="destinations">The destinations; <see cref="OutboxDestinations.Mqtt"/> alone when null.</param>
    public InMemoryOutbox(OutboxRetention? retention = null, IReadOnlyList<string>? destinations = null)
    {
        destinations ??= [OutboxDestinations.Mqtt];
        OutboxDestinations.Validate(destinations, nameof(destinations));
        _retention = retention ?? new OutboxRetention();
        Destinations = [.. destinations];
        _acknowledged = destinations.ToDictionary(name => name, _ => new SequenceRangeSet(), StringComparer.Ordinal);
    }

    public Guid StoreId { get; } = Guid.NewGuid();

    public IReadOnlyList<string> Destinations { get; }

    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _lastSequence;
            }
        }
    }

    /// <summary>Memory is as durable as it gets here: everything appended.</summary>
    public long DurableSequence => LastSequence;

    public long AcknowledgedPrefix
    {
        get
        {
            lock (_lock)
            {
                return _acknowledged.Values.Min(set => set.Prefix);
            }
        }
    }

    public OutboxAppendResult Append(ReadOnlySpan<Reading> readings, IReadOnlyList<AggregateRecord> aggregates, IReadOnlyList<GatewayEvent> events)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(events);
        if (readings.IsEmpty && aggregates.Count == 0 && events.Count == 0)
        {
            return OutboxAppendResult.Empty;
        }

        lock (_lock)
        {
            var first = _lastSequence + 1;
            foreach (ref readonly var reading in readings)
            {
                _entries.Add(new OutboxReading(++_lastSequence, reading));
            }

            foreach (var record in aggregates)
            {
                _entries.Add(new OutboxAggregate(++_lastSequence, record));
            }

            foreach (var gatewayEvent in events)
            {
                _entries.Add(new OutboxEvent(++_lastSequence, gatewayEvent with { Time = gatewayEvent.Time.ToUniversalTime() }));
            }

            return new OutboxAppendResult(first, _lastSequence);
        }
    }

    public IReadOnlyList<OutboxEntry> Read(long afterSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            return [.. _entries.Skip(FirstIndexAfter(afterSequence)).Take(maxCount)];
        }
    }

    public IReadOnlyList<OutboxEntry> ReadUnacknowledged(string destination, long afterSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            var acknowledged = For(destination);
            return [.. _entries.Skip(FirstIndexAfter(afterSequence)).Where(entry => !acknowledged.Contains(entry.Sequence)).Take(maxCount)];
        }
    }

    public IReadOnlyList<OutboxAggregate> ReadAggregates(AggregatePeriod period, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            return [.. _entries.OfType<OutboxAggregate>()
                .Where(entry => entry.Record.Period == period && entry.Record.StartUtc >= fromUtc && entry.Record.StartUtc < toUtc)
                .OrderBy(entry => entry.Record.StartUtc).ThenBy(entry => entry.Sequence)
                .Take(maxCount)];
        }
    }

    public IReadOnlyList<OutboxAggregate> ReadChannelAggregates(AggregatePeriod period, int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        [.. ReadAggregates(period, fromUtc, toUtc, int.MaxValue).Where(entry => entry.Record.Channel == channel).Take(maxCount)];

    public IReadOnlyList<OutboxReading> ReadChannelReadings(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        [.. ReadReadings(fromUtc, toUtc, int.MaxValue).Where(entry => entry.Reading.Channel == channel).Take(maxCount)];

    public IReadOnlyList<OutboxReading> ReadReadings(DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            return [.. _entries.OfType<OutboxReading>()
                .Where(entry => entry.Reading.TimestampTicks >= fromUtc.UtcTicks && entry.Reading.TimestampTicks < toUtc.UtcTicks)
                .Take(maxCount)];
        }
    }

    public void Acknowledge(string destination, long firstSequence, long lastSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastSequence, firstSequence);
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(lastSequence, _lastSequence);
            For(destination).Add(firstSequence, lastSequence);
        }
    }

    public bool IsAcknowledged(string destination, long sequence)
    {
        lock (_lock)
        {
            return For(destination).Contains(sequence);
        }
    }

    public IReadOnlyList<SequenceRange> AcknowledgedRanges(string destination)
    {
        lock (_lock)
        {
            return For(destination).ToList();
        }
    }

    public OutboxBacklog GetBacklog(string destination)
    {
        lock (_lock)
        {
            var acknowledged = For(destination);
            var prefix = acknowledged.Prefix;
            if (prefix >= _lastSequence)
            {
                return new OutboxBacklog(0, null, null);
            }

            var oldest = _entries[FirstIndexAfter(prefix)];
            return new OutboxBacklog(_lastSequence - acknowledged.Count, oldest.Sequence, oldest.Timestamp);
        }
    }

    /// <summary>Deletes records every destination acknowledged past their kind's retention, walking each kind in sequence order like the SQLite outbox.</summary>
    public OutboxMaintenanceResult Maintain(DateTimeOffset now)
    {
        lock (_lock)
        {
            var reachedYoung = new HashSet<OutboxRecordKind>();
            var removed = _entries.RemoveAll(entry =>
            {
                if (!_acknowledged.Values.All(set => set.Contains(entry.Sequence)) || reachedYoung.Contains(entry.Kind))
                {
                    return false;
                }

                if (now - entry.Timestamp > _retention.For(entry.Kind))
                {
                    return true;
                }

                reachedYoung.Add(entry.Kind);
                return false;
            });
            return new OutboxMaintenanceResult(removed, 0, false);
        }
    }

    public void MakeDurable()
    {
    }

    public void Dispose()
    {
    }

    private SequenceRangeSet For(string destination) =>
        _acknowledged.TryGetValue(destination, out var set)
            ? set
            : throw new ArgumentException($"the outbox has no destination '{destination}' (it has: {string.Join(", ", Destinations)})", nameof(destination));

    private int FirstIndexAfter(long sequence)
    {
        int low = 0, high = _entries.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_entries[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
