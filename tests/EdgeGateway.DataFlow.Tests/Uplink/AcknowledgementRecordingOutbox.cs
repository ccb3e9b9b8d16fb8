using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>
/// An <see cref="InMemoryOutbox"/> that counts how often each sequence is acknowledged and lets a test look at every
/// acknowledgement as it happens (to check what the broker had acknowledged by then).
/// </summary>
internal sealed class AcknowledgementRecordingOutbox : IOutbox
{
    private readonly InMemoryOutbox _inner = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, int> _acknowledgements = [];

    /// <summary>Called with each range before it is acknowledged, on the acknowledging thread.</summary>
    public Action<long, long>? BeforeAcknowledge { get; set; }

    public Guid StoreId => _inner.StoreId;

    public IReadOnlyList<string> Destinations => _inner.Destinations;

    public long LastSequence => _inner.LastSequence;

    public long DurableSequence => _inner.DurableSequence;

    public long AcknowledgedPrefix => _inner.AcknowledgedPrefix;

    /// <summary>How many times <paramref name="sequence"/> was acknowledged.</summary>
    public int AcknowledgementsOf(long sequence)
    {
        lock (_gate)
        {
            return _acknowledgements.GetValueOrDefault(sequence);
        }
    }

    public OutboxAppendResult Append(ReadOnlySpan<Reading> readings, IReadOnlyList<AggregateRecord> aggregates, IReadOnlyList<GatewayEvent> events) =>
        _inner.Append(readings, aggregates, events);

    public IReadOnlyList<OutboxEntry> Read(long afterSequence, int maxCount) => _inner.Read(afterSequence, maxCount);

    public IReadOnlyList<OutboxEntry> ReadUnacknowledged(string destination, long afterSequence, int maxCount) => _inner.ReadUnacknowledged(destination, afterSequence, maxCount);

    public IReadOnlyList<OutboxAggregate> ReadAggregates(AggregatePeriod period, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _inner.ReadAggregates(period, fromUtc, toUtc, maxCount);

    public IReadOnlyList<OutboxReading> ReadReadings(DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _inner.ReadReadings(fromUtc, toUtc, maxCount);

    public IReadOnlyList<OutboxAggregate> ReadChannelAggregates(AggregatePeriod period, int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _inner.ReadChannelAggregates(period, channel, fromUtc, toUtc, maxCount);

    public IReadOnlyList<OutboxReading> ReadChannelReadings(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _inner.ReadChannelReadings(channel, fromUtc, toUtc, maxCount);

    public void Acknowledge(string destination, long firstSequence, long lastSequence)
    {
        BeforeAcknowledge?.Invoke(firstSequence, lastSequence);
        lock (_gate)
        {
            for (var sequence = firstSequence; sequence <= lastSequence; sequence++)
            {
                _acknowledgements[sequence] = _acknowledgements.GetValueOrDefault(sequence) + 1;
            }
        }

        _inner.Acknowledge(destination, firstSequence, lastSequence);
    }

    public bool IsAcknowledged(string destination, long sequence) => _inner.IsAcknowledged(destination, sequence);

    public IReadOnlyList<SequenceRange> AcknowledgedRanges(string destination) => _inner.AcknowledgedRanges(destination);

    public OutboxBacklog GetBacklog(string destination) => _inner.GetBacklog(destination);

    public OutboxMaintenanceResult Maintain(DateTimeOffset now) => _inner.Maintain(now);

    public void MakeDurable() => _inner.MakeDurable();

    public void Dispose() => _inner.Dispose();
}
