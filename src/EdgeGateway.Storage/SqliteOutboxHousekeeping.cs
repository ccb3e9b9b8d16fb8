using System.Text.Json;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>
/// Retention and the size cap: deletes what every destination has acknowledged once its kind's retention has passed,
/// and, over the cap, the oldest records (delivered everywhere first) with a data-evicted event. Used only by the
/// writer, under the outbox's write lock.
/// </summary>
internal sealed class SqliteOutboxHousekeeping
{
    /// <summary>Eviction frees down to this share of the cap, so it runs now and then in larger steps rather than at every append.</summary>
    private const double EvictionTarget = 0.95;

    private const int RetentionChunk = 4_096;

    private readonly SqliteOutboxWriter _writer;
    private readonly SqliteOutboxOptions _options;
    private readonly SqliteOutboxAcknowledgements _acknowledgements;
    private readonly AcknowledgementRows _acknowledgementRows;
    private readonly EventRows _eventRows;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private long _retentionDeleted;
    private long _evictedAcknowledged;
    private long _evictedUnacknowledged;

    public SqliteOutboxHousekeeping(SqliteOutboxWriter writer, SqliteOutboxOptions options, SqliteOutboxAcknowledgements acknowledgements, AcknowledgementRows acknowledgementRows, EventRows eventRows, TimeProvider time, ILogger? logger)
    {
        _writer = writer;
        _options = options;
        _acknowledgements = acknowledgements;
        _acknowledgementRows = acknowledgementRows;
        _eventRows = eventRows;
        _time = time;
        _logger = logger;
    }

    public long RetentionDeleted => Interlocked.Read(ref _retentionDeleted);

    public long EvictedAcknowledged => Interlocked.Read(ref _evictedAcknowledged);

    public long EvictedUnacknowledged => Interlocked.Read(ref _evictedUnacknowledged);

    /// <summary>
    /// Deletes, in the caller's transaction, the records every destination acknowledged (<paramref name="delivered"/>)
    /// whose kind's retention has passed at <paramref name="now"/>; at most <see cref="SqliteOutboxOptions.RetentionDeletesPerPass"/>.
    /// </summary>
    public (long Deleted, bool BudgetExhausted) DeleteExpired(SqliteTransaction transaction, IReadOnlyList<SequenceRange> delivered, DateTimeOffset now)
    {
        long deleted = 0;
        long budget = _options.RetentionDeletesPerPass;
        foreach (var kind in Enum.GetValues<OutboxRecordKind>())
        {
            var retention = _options.Retention.For(kind);
            var cutoffTicks = now.UtcTicks - Math.Min(retention.Ticks, now.UtcTicks);
            deleted += DeleteExpired(transaction, kind, cutoffTicks, delivered, ref budget);
            if (budget <= 0)
            {
                break;
            }
        }

        return (deleted, budget <= 0);
    }

    /// <summary>Counts what a committed retention pass deleted.</summary>
    public void CountRetention(long deleted) => Interlocked.Add(ref _retentionDeleted, deleted);

    /// <summary>
    /// Over the cap: deletes the oldest records delivered to every destination, then the oldest of the rest, down to
    /// <see cref="EvictionTarget"/> of the cap, and announces it, all in one transaction. Returns the records deleted
    /// and the sequence of the data-evicted event (the new last sequence); none when under the cap.
    /// </summary>
    /// <exception cref="SqliteException">The eviction failed and was rolled back; the caller reports it.</exception>
    public (long Records, long EventSequence) EnforceCap(long lastSequence)
    {
        var used = _writer.UsedBytes(_options.MaxBytes);
        if (used <= _options.MaxBytes)
        {
            return (0, lastSequence);
        }

        var snapshot = _acknowledgements.Snapshot();
        var eviction = _writer.Commit((Used: used, Last: lastSequence, Snapshot: snapshot), Evict);
        if (eviction is not { } evicted)
        {
            return (0, lastSequence);
        }

        _acknowledgements.SettleEverywhere(evicted.Lost);

        // Stored: the snapshot plus the lost ranges; acknowledgements that arrived meanwhile are stored next time.
        _acknowledgements.MarkStored(evicted.Lost.Count == 0 ? snapshot.Version : -1);
        var detail = evicted.Detail;
        Interlocked.Add(ref _evictedAcknowledged, detail.AcknowledgedRecords);
        Interlocked.Add(ref _evictedUnacknowledged, detail.UnacknowledgedRecords);
        if (_logger is not null)
        {
            SqliteOutboxLog.Evicted(_logger, _options.MaxBytes, detail.Records, detail.FirstSequence, detail.LastSequence, detail.UnacknowledgedRecords);
        }

        return (detail.Records, lastSequence + 1);
    }

    private (DataEvictedDetail Detail, IReadOnlyList<SequenceRange> Lost)? Evict(SqliteTransaction transaction, (long Used, long Last, AcknowledgementSnapshot Snapshot) state)
    {
        var (used, last, snapshot) = state;
        var target = (long)(_options.MaxBytes * EvictionTarget);
        var delivered = snapshot.Delivered();
        var lost = new SequenceRangeSet();
        long firstDeleted = long.MaxValue, lastDeleted = 0, acknowledgedDeleted = 0, unacknowledgedDeleted = 0;
        var bytesPerRecord = 64.0;
        using var lowest = _writer.Command(transaction, SqliteOutboxSchema.SelectLowestStored);
        var lowestFrom = lowest.Parameters.Add("$from", SqliteType.Integer);
        var lowestTo = lowest.Parameters.Add("$to", SqliteType.Integer);

        // Delivered records first: every platform has them; only the history for re-send requests gets shorter.
        foreach (var range in delivered)
        {
            var from = range.First;
            while (used > target && from <= range.Last)
            {
                lowestFrom.Value = from;
                lowestTo.Value = range.Last;
                if (lowest.ExecuteScalar() is not long stored)
                {
                    break;
                }

                var to = Math.Min(range.Last, stored + ChunkSize(used - target, bytesPerRecord) - 1);
                var deleted = DeleteSequences(transaction, stored, to);
                var after = _writer.UsedBytes(_options.MaxBytes);
                bytesPerRecord = NextBytesPerRecord(bytesPerRecord, used - after, deleted);
                used = after;
                acknowledgedDeleted += deleted;
                firstDeleted = Math.Min(firstDeleted, stored);
                lastDeleted = Math.Max(lastDeleted, to);
                from = to + 1;
            }

            if (used <= target)
            {
                break;
            }
        }

        // Then the oldest records some destination has not acknowledged: lost to it, so named in the event below.
        if (used > target)
        {
            foreach (var gap in Gaps(delivered, last))
            {
                var from = gap.First;
                while (used > target && from <= gap.Last)
                {
                    var to = Math.Min(gap.Last, from + ChunkSize(used - target, bytesPerRecord) - 1);
                    var deleted = DeleteSequences(transaction, from, to);
                    var after = _writer.UsedBytes(_options.MaxBytes);
                    bytesPerRecord = NextBytesPerRecord(bytesPerRecord, used - after, deleted);
                    used = after;
                    unacknowledgedDeleted += deleted;
                    lost.Add(from, to);
                    firstDeleted = Math.Min(firstDeleted, from);
                    lastDeleted = Math.Max(lastDeleted, to);
                    from = to + 1;
                }

                if (used <= target)
                {
                    break;
                }
            }
        }

        if (acknowledgedDeleted + unacknowledgedDeleted == 0)
        {
            // Nothing left to delete: the cap is smaller than the empty schema. Nothing to announce either.
            transaction.Rollback();
            return null;
        }

        var lostRanges = lost.ToList();
        var detail = new DataEvictedDetail(firstDeleted, lastDeleted, acknowledgedDeleted + unacknowledgedDeleted, acknowledgedDeleted, unacknowledgedDeleted, lostRanges, _options.MaxBytes);
        var text = unacknowledgedDeleted == 0
            ? $"outbox size cap of {_options.MaxBytes} bytes reached: deleted {detail.Records} delivered records (sequences {firstDeleted}-{lastDeleted}); history is shorter, nothing was lost"
            : $"outbox size cap of {_options.MaxBytes} bytes reached: deleted {detail.Records} records (sequences {firstDeleted}-{lastDeleted}); {unacknowledgedDeleted} were never delivered and are lost (sequences {string.Join(", ", detail.LostRanges)})";
        var eventSequence = last + 1;
        _eventRows.Insert(transaction, eventSequence, new GatewayEvent(_time.GetUtcNow(), GatewayEventKind.DataEvicted, "outbox", text, JsonSerializer.Serialize(detail, StorageJsonContext.Default.DataEvictedDetail)));

        // The lost numbers are settled for every destination (nobody will acknowledge them), so each prefix can pass them.
        var settled = new Dictionary<string, IReadOnlyList<SequenceRange>>(StringComparer.Ordinal);
        foreach (var (destination, acknowledged) in snapshot.ByDestination)
        {
            var set = new SequenceRangeSet();
            foreach (var range in acknowledged)
            {
                set.Add(range.First, range.Last);
            }

            foreach (var range in lostRanges)
            {
                set.Add(range.First, range.Last);
            }

            settled[destination] = set.ToList();
        }

        _acknowledgementRows.Store(transaction, settled);
        _writer.SetMeta(transaction, SqliteOutboxSchema.LastSequenceKey, eventSequence);
        return (detail, lostRanges);
    }

    /// <summary>
    /// Deletes delivered records of one kind whose time is before the cut-off, walking the delivered ranges in
    /// sequence order and stopping at the first record still inside its period: records arrive in (nearly) time order,
    /// so everything after it is newer. Bounded by <paramref name="budget"/>.
    /// </summary>
    private long DeleteExpired(SqliteTransaction transaction, OutboxRecordKind kind, long cutoffTicks, IReadOnlyList<SequenceRange> delivered, ref long budget)
    {
        var (selectSql, deleteSql, period) = kind switch
        {
            OutboxRecordKind.Reading => (SqliteOutboxSchema.SelectReadingTimes, SqliteOutboxSchema.DeleteReadingRange, (int?)null),
            OutboxRecordKind.MinuteRecord => (SqliteOutboxSchema.SelectAggregateTimes, SqliteOutboxSchema.DeleteAggregatePeriodRange, (int)AggregatePeriod.Minute),
            OutboxRecordKind.HourRecord => (SqliteOutboxSchema.SelectAggregateTimes, SqliteOutboxSchema.DeleteAggregatePeriodRange, (int)AggregatePeriod.Hour),
            OutboxRecordKind.DayRecord => (SqliteOutboxSchema.SelectAggregateTimes, SqliteOutboxSchema.DeleteAggregatePeriodRange, (int)AggregatePeriod.Day),
            _ => (SqliteOutboxSchema.SelectEventTimes, SqliteOutboxSchema.DeleteEventRange, (int?)null),
        };
        using var select = _writer.Command(transaction, selectSql);
        using var delete = _writer.Command(transaction, deleteSql);
        var selectFrom = select.Parameters.Add("$from", SqliteType.Integer);
        var selectTo = select.Parameters.Add("$to", SqliteType.Integer);
        var selectLimit = select.Parameters.Add("$limit", SqliteType.Integer);
        var deleteFrom = delete.Parameters.Add("$from", SqliteType.Integer);
        var deleteTo = delete.Parameters.Add("$to", SqliteType.Integer);
        if (period is { } periodNumber)
        {
            select.Parameters.AddWithValue("$period", periodNumber);
            delete.Parameters.AddWithValue("$period", periodNumber);
        }

        long deleted = 0;
        var rows = new List<(long Sequence, long Ticks)>();
        foreach (var range in delivered)
        {
            var from = range.First;
            while (from <= range.Last && budget > 0)
            {
                var limit = (int)Math.Min(budget, RetentionChunk);
                selectFrom.Value = from;
                selectTo.Value = range.Last;
                selectLimit.Value = limit;
                rows.Clear();
                using (var row = select.ExecuteReader())
                {
                    while (row.Read())
                    {
                        rows.Add((row.GetInt64(0), row.GetInt64(1)));
                    }
                }

                var expired = 0;
                while (expired < rows.Count && rows[expired].Ticks < cutoffTicks)
                {
                    expired++;
                }

                if (expired > 0)
                {
                    deleteFrom.Value = rows[0].Sequence;
                    deleteTo.Value = rows[expired - 1].Sequence;
                    delete.ExecuteNonQuery();
                    deleted += expired;
                    budget -= expired;
                }

                if (expired < rows.Count)
                {
                    return deleted;
                }

                if (rows.Count < limit)
                {
                    break;
                }

                from = rows[^1].Sequence + 1;
            }

            if (budget <= 0)
            {
                break;
            }
        }

        return deleted;
    }

    private static List<SequenceRange> Gaps(IReadOnlyList<SequenceRange> delivered, long last)
    {
        var set = new SequenceRangeSet();
        foreach (var range in delivered)
        {
            set.Add(range.First, range.Last);
        }

        return set.Gaps(0, last);
    }

    private static int ChunkSize(long bytesToFree, double bytesPerRecord) =>
        (int)Math.Clamp(bytesToFree / bytesPerRecord + 1, 64, 100_000);

    /// <summary>Learns the bytes one deleted record frees; deleting rows frees whole pages only, so a step may free nothing.</summary>
    private static double NextBytesPerRecord(double current, long freed, long deleted) =>
        deleted > 0 && freed > 0 ? Math.Max(8.0, (double)freed / deleted) : Math.Max(1.0, current / 2);

    private long DeleteSequences(SqliteTransaction transaction, long from, long to)
    {
        long deleted = 0;
        foreach (var sql in (ReadOnlySpan<string>)[SqliteOutboxSchema.DeleteReadingRange, SqliteOutboxSchema.DeleteAggregateRange, SqliteOutboxSchema.DeleteEventRange])
        {
            using var delete = _writer.Command(transaction, sql);
            delete.Parameters.AddWithValue("$from", from);
            delete.Parameters.AddWithValue("$to", to);
            deleted += delete.ExecuteNonQuery();
        }

        return deleted;
    }
}
