using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;

namespace EdgeGateway.Storage;

/// <summary>
/// The gateway's durable store-and-forward queue between the ring's consumer and the uplink. Every record (reading,
/// aggregate record, gateway event) gets a gateway-wide sequence number: gap-free, strictly increasing, given inside
/// the append transaction and continued across restarts. The publisher reads by sequence, sends, and acknowledges what
/// the platform confirmed, in any order; acknowledged records stay for history requests until their retention ends.
/// Each destination (a platform link, e.g. <see cref="OutboxDestinations.Mqtt"/>) has its own acknowledged sequences:
/// what one platform confirmed is still owed to the others, and retention deletes only what every destination has
/// acknowledged.
/// </summary>
/// <remarks>
/// Threads: one writer (the consumer thread, through <see cref="OutboxAppender"/>) calls <see cref="Append"/>,
/// <see cref="Maintain"/> and <see cref="MakeDurable"/>; any thread may read, acknowledge and query at the same time.
/// </remarks>
public interface IOutbox : IDisposable
{
    /// <summary>
    /// Identifies this store's sequence space. It changes only when a new database is created (first start, or a
    /// damaged one was quarantined); a platform that sees it change knows the numbering may have restarted.
    /// </summary>
    Guid StoreId { get; }

    /// <summary>The destinations this outbox keeps acknowledged sequences for (fixed when it is opened).</summary>
    IReadOnlyList<string> Destinations { get; }

    /// <summary>The highest sequence number committed; 0 before the first record.</summary>
    long LastSequence { get; }

    /// <summary>
    /// The highest sequence number that survives a power cut (see <see cref="OutboxSynchronous"/>). The publisher
    /// sends nothing beyond it: a record that a power cut could roll back must not reach the platform, or its number
    /// could come back on a different record. Equals <see cref="LastSequence"/> with synchronous=FULL.
    /// </summary>
    long DurableSequence { get; }

    /// <summary>
    /// The contiguous acknowledged prefix of every destination: every sequence from 1 to here is acknowledged by each
    /// destination or was evicted (and the eviction announced). 0 when sequence 1 is still open for some destination.
    /// With one destination, that destination's prefix.
    /// </summary>
    long AcknowledgedPrefix { get; }

    /// <summary>
    /// Appends the records in one transaction (readings first, then aggregate records, then events), giving them the
    /// next sequence numbers in that order. On failure nothing is written, no number is used, and an
    /// <see cref="OutboxStorageException"/> says why (disk full, I/O, ...).
    /// </summary>
    OutboxAppendResult Append(ReadOnlySpan<Reading> readings, IReadOnlyList<AggregateRecord> aggregates, IReadOnlyList<GatewayEvent> events);

    /// <summary>
    /// Up to <paramref name="maxCount"/> records with sequence above <paramref name="afterSequence"/>, in sequence order,
    /// acknowledged or not. Numbers deleted by retention or the cap are skipped. Returns committed records, also those
    /// beyond <see cref="DurableSequence"/>: the publisher stops at it.
    /// </summary>
    IReadOnlyList<OutboxEntry> Read(long afterSequence, int maxCount);

    /// <summary>
    /// Like <see cref="Read"/> but skips what <paramref name="destination"/> has acknowledged: its backlog behind live
    /// data that were sent first.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not one of <see cref="Destinations"/>.</exception>
    IReadOnlyList<OutboxEntry> ReadUnacknowledged(string destination, long afterSequence, int maxCount);

    /// <summary>Aggregate records of a period whose window starts in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), by start time: for history requests.</summary>
    IReadOnlyList<OutboxAggregate> ReadAggregates(AggregatePeriod period, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount);

    /// <summary>
    /// Readings polled in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), in sequence order, at most
    /// <paramref name="maxCount"/>: for 2013 raw-data history requests. Readings carry no time index; the store finds
    /// the sequence bounds of the range by binary search on the sequence, which relies on poll times growing with the
    /// sequence. That holds but after the clock was stepped back: readings stored after such a step whose times fall
    /// before earlier ones may then be missed, or readings outside the bounds found (only those inside the range are
    /// returned).
    /// </summary>
    IReadOnlyList<OutboxReading> ReadReadings(DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount);

    /// <summary>Like <see cref="ReadAggregates"/>, one channel's records only (a channel's trend).</summary>
    IReadOnlyList<OutboxAggregate> ReadChannelAggregates(AggregatePeriod period, int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount);

    /// <summary>
    /// Like <see cref="ReadReadings"/> (the same binary search for the bounds), one channel's readings only (a channel's
    /// trend): the rows between the bounds are read, the other channels' skipped.
    /// </summary>
    IReadOnlyList<OutboxReading> ReadChannelReadings(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount);

    /// <summary>
    /// Marks a range as delivered to <paramref name="destination"/> (its platform confirmed it). Any order, overlaps and
    /// repeats are fine. Kept in memory at once and stored with the next writer transaction; see
    /// <see cref="OutboxSynchronous"/> for what a crash loses.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range reaches beyond <see cref="LastSequence"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not one of <see cref="Destinations"/>.</exception>
    void Acknowledge(string destination, long firstSequence, long lastSequence);

    bool IsAcknowledged(string destination, long sequence);

    /// <summary>The ranges <paramref name="destination"/> acknowledged (or that were evicted), ascending and disjoint.</summary>
    IReadOnlyList<SequenceRange> AcknowledgedRanges(string destination);

    /// <summary>Count and age of what <paramref name="destination"/> has not yet acknowledged.</summary>
    OutboxBacklog GetBacklog(string destination);

    /// <summary>
    /// Stores pending acknowledgements, deletes records every destination acknowledged once past their retention (bounded work per call), and
    /// enforces the size cap. Called by the writer, e.g. from the consumer's tick.
    /// </summary>
    OutboxMaintenanceResult Maintain(DateTimeOffset now);

    /// <summary>Makes everything committed so far survive a power cut (one flush of the log) and advances <see cref="DurableSequence"/>.</summary>
    void MakeDurable();
}
