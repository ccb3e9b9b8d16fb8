using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>An <see cref="InMemoryOutbox"/> whose durable sequence the test sets, to stand for synchronous=NORMAL.</summary>
internal sealed class DurabilityLimitedOutbox : IOutbox
{
    private readonly InMemoryOutbox _inner = new();
    private long _durableSequence;

    public Guid StoreId => _inner.StoreId;

    public IReadOnlyList<string> Destinations => _inner.Destinations;

    public long LastSequence => _inner.LastSequence;

    public long DurableSequence => Interlocked.Read(ref _durableSequence);

    public long AcknowledgedPrefix => _inner.AcknowledgedPrefix;

    public void SetDurableSequence(long sequence) => Interlocked.Exchange(ref _durableSequence, sequence);

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

    public void Acknowledge(string destination, long firstSequence, long lastSequence) => _inner.Acknowledge(destination, firstSequence, lastSequence);

    public bool IsAcknowledged(string destination, long sequence) => _inner.IsAcknowledged(destination, sequence);

    public IReadOnlyList<SequenceRange> AcknowledgedRanges(string destination) => _inner.AcknowledgedRanges(destination);

    public OutboxBacklog GetBacklog(string destination) => _inner.GetBacklog(destination);

    public OutboxMaintenanceResult Maintain(DateTimeOffset now) => _inner.Maintain(now);

    public void MakeDurable() => SetDurableSequence(_inner.LastSequence);

    public void Dispose() => _inner.Dispose();
}
