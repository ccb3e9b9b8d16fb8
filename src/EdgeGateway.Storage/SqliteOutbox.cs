using System.Globalization;
using System.Text.Json;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>
/// The outbox on SQLite (Microsoft.Data.Sqlite) in WAL mode. One writing connection (the consumer's appends, retention,
/// eviction) and one reading connection (the publisher's reads): WAL lets them run at the same time.
/// </summary>
/// <remarks>
/// <para>Durability: see <see cref="OutboxSynchronous"/>. Every append is one transaction; the sequence counter is stored
/// in that same transaction, so a crash at any point leaves either all of a batch with its numbers or none of it, and
/// the next number is always the stored counter + 1 (gap-free across restarts, also after every record was deleted).</para>
/// <para>Size: the cap counts the database's used pages (page_count − freelist_count). When an append takes it over the
/// cap, the oldest acknowledged records go first (only history is lost), then the oldest unacknowledged ones (data
/// lost to the platform): both in one transaction with a data-evicted event that names the ranges, and the evicted
/// unacknowledged numbers count as settled so the acknowledged prefix moves on.</para>
/// <para>Damage: at open an unreadable file or a failed <c>PRAGMA quick_check</c> moves the database (with its -wal
/// and -shm) aside to <c>&lt;name&gt;.corrupt-&lt;UTC time&gt;</c>, creates a new one that continues after the last
/// sequence it could still read, and appends a store-quarantined event (<see cref="OpenReport"/> says so too).</para>
/// </remarks>
public sealed class SqliteOutbox : IOutbox
{
    // SQLite primary result codes (the low byte of an extended code).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>Eviction frees down to this share of the cap, so it runs now and then in larger steps rather than at every append.</summary>
    private const double EvictionTarget = 0.95;

    private const int RetentionChunk = 4_096;

    private readonly SqliteOutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _reader;
    private readonly ReadingRows _readingRows;
    private readonly AggregateRows _aggregateRows;
    private readonly EventRows _eventRows;
    private readonly SqliteCommand _setMeta;
    private readonly SqliteParameter _metaKey;
    private readonly SqliteParameter _metaValue;
    private readonly SequenceRangeQuery<OutboxReading> _readingQuery;
    private readonly SequenceRangeQuery<OutboxAggregate> _aggregateQuery;
    private readonly SequenceRangeQuery<OutboxEvent> _eventQuery;
    private readonly Lock _writeLock = new();
    private readonly Lock _readLock = new();
    private readonly Lock _acknowledgedLock = new();
    private readonly SequenceRangeSet _acknowledged;
    private readonly long _pageSize;
    private long _storedAcknowledgedVersion;
    private long _lastSequence;
    private long _durableSequence;
    private long _transactions;
    private long _recordsAppended;
    private long _failedAppends;
    private long _retentionDeleted;
    private long _evictedAcknowledged;
    private long _evictedUnacknowledged;
    private long _failedMaintenance;
    private string? _lastFailure;
    private volatile bool _disposed;

    private SqliteOutbox(SqliteOutboxOptions options, string path, TimeProvider time, ILogger? logger, SqliteConnection writer, SqliteOutboxOpenReport report)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _writer = writer;
        Path = path;
        OpenReport = report;

        _pageSize = Convert.ToInt64(Scalar(writer, "PRAGMA page_size"), CultureInfo.InvariantCulture);
        if (options.MaxPageCount is { } maxPages)
        {
            SetPageLimit(maxPages);
        }

        StoreId = Guid.Parse(Convert.ToString(Scalar(writer, $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.StoreIdKey}'"), CultureInfo.InvariantCulture)!);
        _lastSequence = Convert.ToInt64(Scalar(writer, $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.LastSequenceKey}'"), CultureInfo.InvariantCulture);
        _acknowledged = LoadAcknowledged(writer);
        _storedAcknowledgedVersion = _acknowledged.Version;

        _readingRows = new ReadingRows(writer);
        _aggregateRows = new AggregateRows(writer);
        _eventRows = new EventRows(writer);
        _setMeta = writer.CreateCommand();
        _setMeta.CommandText = "INSERT OR REPLACE INTO meta(key, value) VALUES ($key, $value)";
        _metaKey = _setMeta.Parameters.Add("$key", SqliteType.Text);
        _metaValue = _setMeta.Parameters.Add("$value", SqliteType.Integer);

        _reader = OpenConnection(path, options, SqliteOpenMode.ReadWrite);
        Execute(_reader, "PRAGMA query_only = ON");
        _readingQuery = new SequenceRangeQuery<OutboxReading>(_reader, SqliteOutboxSchema.SelectReadings, ReadingRows.Map);
        _aggregateQuery = new SequenceRangeQuery<OutboxAggregate>(_reader, SqliteOutboxSchema.SelectAggregates, AggregateRows.Map);
        _eventQuery = new SequenceRangeQuery<OutboxEvent>(_reader, SqliteOutboxSchema.SelectEvents, EventRows.Map);

        // What the previous process committed with synchronous=NORMAL may still sit in the page cache only: flush it
        // once, so everything found at open counts as durable.
        lock (_writeLock)
        {
            MakeDurableCore(force: true);
        }
    }

    /// <summary>The database file (full path).</summary>
    public string Path { get; }

    /// <summary>Whether the database was created and whether a damaged one was quarantined.</summary>
    public SqliteOutboxOpenReport OpenReport { get; }

    public Guid StoreId { get; }

    public long LastSequence => Volatile.Read(ref _lastSequence);

    public long DurableSequence => Volatile.Read(ref _durableSequence);

    public long AcknowledgedPrefix
    {
        get
        {
            lock (_acknowledgedLock)
            {
                return _acknowledged.Prefix;
            }
        }
    }

    public SqliteOutboxStatistics Statistics => new(
        Interlocked.Read(ref _transactions),
        Interlocked.Read(ref _recordsAppended),
        Interlocked.Read(ref _failedAppends),
        Interlocked.Read(ref _retentionDeleted),
        Interlocked.Read(ref _evictedAcknowledged),
        Interlocked.Read(ref _evictedUnacknowledged),
        Interlocked.Read(ref _failedMaintenance),
        Volatile.Read(ref _lastFailure));

    /// <summary>
    /// Opens (or creates) the outbox at <see cref="SqliteOutboxOptions.Path"/>. A damaged database is quarantined and
    /// replaced (see the class remarks); the caller learns it from <see cref="OpenReport"/> and the appended event.
    /// </summary>
    /// <exception cref="OutboxStorageException">The database cannot be opened for another reason (permissions, disk, a newer schema).</exception>
    public static SqliteOutbox Open(SqliteOutboxOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBytes);
        var time = options.Time ?? TimeProvider.System;
        var path = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        SqliteConnection? writer = null;
        try
        {
            string? damage = null;
            var created = false;
            try
            {
                writer = OpenConnection(path, options, SqliteOpenMode.ReadWriteCreate);
                damage = options.CheckIntegrityAtOpen ? QuickCheck(writer) : null;
                created = damage is null && EnsureSchema(writer, 0, time);
            }
            catch (SqliteException exception) when (IsDamage(exception))
            {
                damage = exception.Message;
            }

            StoreQuarantinedDetail? quarantine = null;
            if (damage is not null)
            {
                writer?.Dispose();
                writer = null;
                var (salvagedLastSequence, previousStoreId) = Salvage(path);
                var quarantinedPath = MoveAside(path, time.GetUtcNow());
                writer = OpenConnection(path, options, SqliteOpenMode.ReadWriteCreate);
                EnsureSchema(writer, salvagedLastSequence ?? 0, time);
                created = true;
                var storeId = Guid.Parse(Convert.ToString(Scalar(writer, $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.StoreIdKey}'"), CultureInfo.InvariantCulture)!);
                quarantine = new StoreQuarantinedDetail(quarantinedPath, damage, salvagedLastSequence, previousStoreId, storeId);
            }

            var outbox = new SqliteOutbox(options, path, time, logger, writer!, new SqliteOutboxOpenReport(created, quarantine));
            writer = null; // the outbox owns it now
            if (quarantine is not null)
            {
                if (logger is not null)
                {
                    SqliteOutboxLog.Quarantined(logger, path, quarantine.Reason, quarantine.QuarantinedPath, quarantine.SalvagedLastSequence);
                }

                var numbering = quarantine.SalvagedLastSequence is { } salvaged
                    ? $"numbering continues after {salvaged}"
                    : "no sequence could be read from it: numbering restarted at 1 under a new store id";
                AppendOrDispose(outbox, new GatewayEvent(
                    time.GetUtcNow(),
                    GatewayEventKind.StoreQuarantined,
                    "outbox",
                    $"the outbox database was damaged ({quarantine.Reason}); moved to {quarantine.QuarantinedPath} and replaced by a new one; {numbering}",
                    JsonSerializer.Serialize(quarantine, StorageJsonContext.Default.StoreQuarantinedDetail)));
            }

            if (logger is not null)
            {
                SqliteOutboxLog.Opened(logger, path, options.Synchronous, outbox.LastSequence, outbox.AcknowledgedPrefix);
            }

            return outbox;
        }
        catch (SqliteException exception)
        {
            throw new OutboxStorageException(Classify(exception), $"cannot open the outbox {path}: {exception.Message}", exception);
        }
        finally
        {
            writer?.Dispose();
        }
    }

    /// <summary>The quarantine announcement; if even that cannot be stored (a full disk at start), the open fails.</summary>
    private static void AppendOrDispose(SqliteOutbox outbox, GatewayEvent announcement)
    {
        try
        {
            outbox.Append([], [], [announcement]);
        }
        catch
        {
            outbox.Dispose();
            throw;
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

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var first = _lastSequence + 1;
            var sequence = _lastSequence;
            var (acknowledged, acknowledgedVersion) = SnapshotAcknowledged();
            SqliteTransaction? transaction = null;
            try
            {
                transaction = _writer.BeginTransaction();
                foreach (ref readonly var reading in readings)
                {
                    _readingRows.Insert(transaction, ++sequence, reading);
                }

                foreach (var record in aggregates)
                {
                    _aggregateRows.Insert(transaction, ++sequence, record);
                }

                foreach (var gatewayEvent in events)
                {
                    _eventRows.Insert(transaction, ++sequence, gatewayEvent);
                }

                // Acknowledgements ride along: one commit (one flush at FULL) for both.
                if (acknowledgedVersion != _storedAcknowledgedVersion)
                {
                    StoreAcknowledged(transaction, acknowledged);
                }

                SetMeta(transaction, SqliteOutboxSchema.LastSequenceKey, sequence);
                transaction.Commit();
            }
            catch (SqliteException exception)
            {
                RollBackQuietly(transaction);
                Interlocked.Increment(ref _failedAppends);
                throw Failure(exception, "append");
            }
            finally
            {
                DisposeQuietly(transaction);
            }

            _storedAcknowledgedVersion = acknowledgedVersion;
            Volatile.Write(ref _lastSequence, sequence);
            if (_options.Synchronous == OutboxSynchronous.Full)
            {
                Volatile.Write(ref _durableSequence, sequence);
            }

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _recordsAppended, sequence - first + 1);
            try
            {
                EnforceCap();
            }
            catch (SqliteException exception)
            {
                // The append itself is committed; the cap is enforced again after the next one.
                Interlocked.Increment(ref _failedMaintenance);
                Report(exception, "eviction");
            }

            return new OutboxAppendResult(first, sequence);
        }
    }

    public IReadOnlyList<OutboxEntry> Read(long afterSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var entries = new List<OutboxEntry>(Math.Min(maxCount, 4_096));
        lock (_readLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ReadRange(afterSequence, long.MaxValue, maxCount, entries);
        }

        return entries;
    }

    public IReadOnlyList<OutboxEntry> ReadUnacknowledged(long afterSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        List<SequenceRange> gaps;
        lock (_acknowledgedLock)
        {
            gaps = _acknowledged.Gaps(afterSequence, LastSequence);
        }

        var entries = new List<OutboxEntry>(Math.Min(maxCount, 4_096));
        lock (_readLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var gap in gaps)
            {
                ReadRange(gap.First - 1, gap.Last, maxCount - entries.Count, entries);
                if (entries.Count >= maxCount)
                {
                    break;
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// The start of the newest stored record of a period (any outlet or channel); null when there is none. Windows of
    /// all outlets close together, so every window that starts no later was closed and stored already.
    /// </summary>
    public DateTimeOffset? LatestAggregateStart(AggregatePeriod period)
    {
        lock (_readLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _reader.CreateCommand();
            command.CommandText = SqliteOutboxSchema.SelectLatestAggregateStart;
            command.Parameters.AddWithValue("$period", (int)period);
            return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    public IReadOnlyList<OutboxAggregate> ReadAggregates(AggregatePeriod period, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_readLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _reader.CreateCommand();
            command.CommandText = SqliteOutboxSchema.SelectAggregateHistory;
            command.Parameters.AddWithValue("$period", (int)period);
            command.Parameters.AddWithValue("$from", fromUtc.UtcTicks);
            command.Parameters.AddWithValue("$to", toUtc.UtcTicks);
            command.Parameters.AddWithValue("$limit", maxCount);
            var records = new List<OutboxAggregate>();
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                records.Add(AggregateRows.Map(row));
            }

            return records;
        }
    }

    public void Acknowledge(long firstSequence, long lastSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastSequence, firstSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastSequence, LastSequence);
        lock (_acknowledgedLock)
        {
            _acknowledged.Add(firstSequence, lastSequence);
        }
    }

    public bool IsAcknowledged(long sequence)
    {
        lock (_acknowledgedLock)
        {
            return _acknowledged.Contains(sequence);
        }
    }

    public IReadOnlyList<SequenceRange> AcknowledgedRanges()
    {
        lock (_acknowledgedLock)
        {
            return _acknowledged.ToList();
        }
    }

    public OutboxBacklog GetBacklog()
    {
        long prefix, settled;
        var last = LastSequence;
        lock (_acknowledgedLock)
        {
            prefix = _acknowledged.Prefix;
            settled = _acknowledged.Count;
        }

        if (prefix >= last)
        {
            return new OutboxBacklog(0, null, null);
        }

        var oldest = prefix + 1;
        lock (_readLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _reader.CreateCommand();
            command.CommandText = SqliteOutboxSchema.SelectTimestampOfSequence;
            command.Parameters.AddWithValue("$seq", oldest);
            var ticks = command.ExecuteScalar();
            DateTimeOffset? timestamp = ticks is long value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
            return new OutboxBacklog(last - settled, oldest, timestamp);
        }
    }

    public OutboxMaintenanceResult Maintain(DateTimeOffset now)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var (acknowledged, acknowledgedVersion) = SnapshotAcknowledged();
            long deleted = 0;
            long budget = _options.RetentionDeletesPerPass;
            SqliteTransaction? transaction = null;
            try
            {
                transaction = _writer.BeginTransaction();
                if (acknowledgedVersion != _storedAcknowledgedVersion)
                {
                    StoreAcknowledged(transaction, acknowledged);
                }

                // Retention deletes only what this same transaction stores as acknowledged.
                foreach (var kind in Enum.GetValues<OutboxRecordKind>())
                {
                    var retention = _options.Retention.For(kind);
                    var cutoffTicks = now.UtcTicks - Math.Min(retention.Ticks, now.UtcTicks);
                    deleted += DeleteExpired(transaction, kind, cutoffTicks, acknowledged, ref budget);
                    if (budget <= 0)
                    {
                        break;
                    }
                }

                transaction.Commit();
            }
            catch (SqliteException exception)
            {
                RollBackQuietly(transaction);
                Interlocked.Increment(ref _failedMaintenance);
                throw Failure(exception, "retention");
            }
            finally
            {
                DisposeQuietly(transaction);
            }

            _storedAcknowledgedVersion = acknowledgedVersion;
            Interlocked.Add(ref _retentionDeleted, deleted);
            long evicted;
            try
            {
                evicted = EnforceCap();
            }
            catch (SqliteException exception)
            {
                Interlocked.Increment(ref _failedMaintenance);
                throw Failure(exception, "eviction");
            }

            return new OutboxMaintenanceResult(deleted, evicted, budget <= 0);
        }
    }

    public void MakeDurable()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                MakeDurableCore(force: false);
            }
            catch (SqliteException exception)
            {
                throw Failure(exception, "flush");
            }
        }
    }

    /// <summary>The bytes the database's pages hold now (page_count − freelist_count) × page_size: what the cap is compared with.</summary>
    public long MeasureUsedBytes()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return UsedBytes();
        }
    }

    /// <summary>Test seam: sets (or, with a large number, lifts) <c>PRAGMA max_page_count</c>; see <see cref="SqliteOutboxOptions.MaxPageCount"/>.</summary>
    internal void SetPageLimitForTesting(long maxPages)
    {
        lock (_writeLock)
        {
            SetPageLimit(maxPages);
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                // A graceful stop keeps the acknowledgements the platform sent since the last transaction.
                MakeDurableCore(force: false);
            }
            catch (SqliteException exception)
            {
                Report(exception, "final flush");
            }

            lock (_readLock)
            {
                _disposed = true;
                _readingQuery.Dispose();
                _aggregateQuery.Dispose();
                _eventQuery.Dispose();
                _reader.Dispose();
            }

            _readingRows.Dispose();
            _aggregateRows.Dispose();
            _eventRows.Dispose();
            _setMeta.Dispose();
            _writer.Dispose();
        }
    }

    private void ReadRange(long after, long upTo, int limit, List<OutboxEntry> into)
    {
        var readings = _readingQuery.Run(after, upTo, limit);

        // Aggregates and events are few: fetch only those within the readings' span, then merge by sequence.
        var bound = readings.Count == limit ? readings[^1].Sequence : upTo;
        var aggregates = _aggregateQuery.Run(after, bound, limit);
        var events = _eventQuery.Run(after, bound, limit);
        int r = 0, a = 0, e = 0, taken = 0;
        while (taken < limit)
        {
            var nextReading = r < readings.Count ? readings[r].Sequence : long.MaxValue;
            var nextAggregate = a < aggregates.Count ? aggregates[a].Sequence : long.MaxValue;
            var nextEvent = e < events.Count ? events[e].Sequence : long.MaxValue;
            if (nextReading == long.MaxValue && nextAggregate == long.MaxValue && nextEvent == long.MaxValue)
            {
                break;
            }

            if (nextReading < nextAggregate && nextReading < nextEvent)
            {
                into.Add(readings[r++]);
            }
            else if (nextAggregate < nextEvent)
            {
                into.Add(aggregates[a++]);
            }
            else
            {
                into.Add(events[e++]);
            }

            taken++;
        }
    }

    /// <summary>
    /// Deletes acknowledged records of one kind whose time is before the cut-off, walking the acknowledged ranges in
    /// sequence order and stopping at the first record still inside its period: records arrive in (nearly) time order,
    /// so everything after it is newer. Bounded by <paramref name="budget"/>.
    /// </summary>
    private long DeleteExpired(SqliteTransaction transaction, OutboxRecordKind kind, long cutoffTicks, IReadOnlyList<SequenceRange> acknowledged, ref long budget)
    {
        var (selectSql, deleteSql, period) = kind switch
        {
            OutboxRecordKind.Reading => (SqliteOutboxSchema.SelectReadingTimes, SqliteOutboxSchema.DeleteReadingRange, (int?)null),
            OutboxRecordKind.MinuteRecord => (SqliteOutboxSchema.SelectAggregateTimes, SqliteOutboxSchema.DeleteAggregatePeriodRange, (int)AggregatePeriod.Minute),
            OutboxRecordKind.HourRecord => (SqliteOutboxSchema.SelectAggregateTimes, SqliteOutboxSchema.DeleteAggregatePeriodRange, (int)AggregatePeriod.Hour),
            OutboxRecordKind.DayRecord => (SqliteOutboxSchema.SelectAggregateTimes, SqliteOutboxSchema.DeleteAggregatePeriodRange, (int)AggregatePeriod.Day),
            _ => (SqliteOutboxSchema.SelectEventTimes, SqliteOutboxSchema.DeleteEventRange, (int?)null),
        };
        using var select = Command(transaction, selectSql);
        using var delete = Command(transaction, deleteSql);
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
        foreach (var range in acknowledged)
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

    /// <summary>
    /// Over the cap: deletes the oldest acknowledged records, then the oldest unacknowledged ones, down to
    /// <see cref="EvictionTarget"/> of the cap, and announces it, all in one transaction. Returns the records deleted.
    /// </summary>
    private long EnforceCap()
    {
        var used = UsedBytes();
        if (used <= _options.MaxBytes)
        {
            return 0;
        }

        var target = (long)(_options.MaxBytes * EvictionTarget);
        var last = _lastSequence;
        var (acknowledged, acknowledgedVersion) = SnapshotAcknowledged();
        var lost = new SequenceRangeSet();
        long firstDeleted = long.MaxValue, lastDeleted = 0, acknowledgedDeleted = 0, unacknowledgedDeleted = 0;
        var bytesPerRecord = 64.0;
        SqliteTransaction? transaction = null;
        try
        {
            transaction = _writer.BeginTransaction();
            using var lowest = Command(transaction, SqliteOutboxSchema.SelectLowestStored);
            var lowestFrom = lowest.Parameters.Add("$from", SqliteType.Integer);
            var lowestTo = lowest.Parameters.Add("$to", SqliteType.Integer);

            // Acknowledged records first: the platform has them; only the history for re-send requests gets shorter.
            foreach (var range in acknowledged)
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
                    var after = UsedBytes();
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

            // Then the oldest never-delivered records: lost to the platform, so named in the event below.
            if (used > target)
            {
                foreach (var gap in SnapshotGaps(acknowledged, last))
                {
                    var from = gap.First;
                    while (used > target && from <= gap.Last)
                    {
                        var to = Math.Min(gap.Last, from + ChunkSize(used - target, bytesPerRecord) - 1);
                        var deleted = DeleteSequences(transaction, from, to);
                        var after = UsedBytes();
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
                RollBackQuietly(transaction);
                return 0;
            }

            var detail = new DataEvictedDetail(firstDeleted, lastDeleted, acknowledgedDeleted + unacknowledgedDeleted, acknowledgedDeleted, unacknowledgedDeleted, lost.ToList(), _options.MaxBytes);
            var text = unacknowledgedDeleted == 0
                ? $"outbox size cap of {_options.MaxBytes} bytes reached: deleted {detail.Records} delivered records (sequences {firstDeleted}-{lastDeleted}); history is shorter, nothing was lost"
                : $"outbox size cap of {_options.MaxBytes} bytes reached: deleted {detail.Records} records (sequences {firstDeleted}-{lastDeleted}); {unacknowledgedDeleted} were never delivered and are lost (sequences {string.Join(", ", detail.LostRanges)})";
            var eventSequence = last + 1;
            _eventRows.Insert(transaction, eventSequence, new GatewayEvent(_time.GetUtcNow(), GatewayEventKind.DataEvicted, "outbox", text, JsonSerializer.Serialize(detail, StorageJsonContext.Default.DataEvictedDetail)));

            // The lost numbers are settled (nobody will acknowledge them), so the acknowledged prefix can pass them.
            var settled = new SequenceRangeSet();
            foreach (var range in acknowledged)
            {
                settled.Add(range.First, range.Last);
            }

            foreach (var range in lost.ToList())
            {
                settled.Add(range.First, range.Last);
            }

            StoreAcknowledged(transaction, settled.ToList());
            SetMeta(transaction, SqliteOutboxSchema.LastSequenceKey, eventSequence);
            transaction.Commit();

            lock (_acknowledgedLock)
            {
                foreach (var range in lost.ToList())
                {
                    _acknowledged.Add(range.First, range.Last);
                }
            }

            // Stored: the snapshot plus the lost ranges; acknowledgements that arrived meanwhile are stored next time.
            _storedAcknowledgedVersion = lost.Count == 0 ? acknowledgedVersion : -1;
            Volatile.Write(ref _lastSequence, eventSequence);
            if (_options.Synchronous == OutboxSynchronous.Full)
            {
                Volatile.Write(ref _durableSequence, eventSequence);
            }

            Interlocked.Add(ref _evictedAcknowledged, acknowledgedDeleted);
            Interlocked.Add(ref _evictedUnacknowledged, unacknowledgedDeleted);
            if (_logger is not null)
            {
                SqliteOutboxLog.Evicted(_logger, _options.MaxBytes, detail.Records, firstDeleted, lastDeleted, unacknowledgedDeleted);
            }

            return detail.Records;
        }
        catch (SqliteException)
        {
            RollBackQuietly(transaction);
            throw;
        }
        finally
        {
            DisposeQuietly(transaction);
        }
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
            using var delete = Command(transaction, sql);
            delete.Parameters.AddWithValue("$from", from);
            delete.Parameters.AddWithValue("$to", to);
            deleted += delete.ExecuteNonQuery();
        }

        return deleted;
    }

    private void MakeDurableCore(bool force)
    {
        var last = _lastSequence;
        var (acknowledged, acknowledgedVersion) = SnapshotAcknowledged();
        if (!force && acknowledgedVersion == _storedAcknowledgedVersion
            && (_options.Synchronous == OutboxSynchronous.Full || _durableSequence == last))
        {
            Volatile.Write(ref _durableSequence, last); // at FULL every commit was flushed already
            return;
        }

        // A commit at synchronous=FULL flushes the whole write-ahead log, the NORMAL commits before it included.
        Execute(_writer, "PRAGMA synchronous = FULL");
        SqliteTransaction? transaction = null;
        try
        {
            transaction = _writer.BeginTransaction();
            if (acknowledgedVersion != _storedAcknowledgedVersion)
            {
                StoreAcknowledged(transaction, acknowledged);
            }

            // Something must change for the commit to write (and flush) the log.
            SetMeta(transaction, "durable_utc_ticks", _time.GetUtcNow().UtcTicks);
            transaction.Commit();
        }
        catch (SqliteException)
        {
            RollBackQuietly(transaction);
            throw;
        }
        finally
        {
            DisposeQuietly(transaction);
            Execute(_writer, _options.Synchronous == OutboxSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        }

        _storedAcknowledgedVersion = acknowledgedVersion;
        Volatile.Write(ref _durableSequence, last);
    }

    private (IReadOnlyList<SequenceRange> Ranges, long Version) SnapshotAcknowledged()
    {
        lock (_acknowledgedLock)
        {
            return (_acknowledged.ToList(), _acknowledged.Version);
        }
    }

    private static List<SequenceRange> SnapshotGaps(IReadOnlyList<SequenceRange> acknowledged, long last)
    {
        var set = new SequenceRangeSet();
        foreach (var range in acknowledged)
        {
            set.Add(range.First, range.Last);
        }

        return set.Gaps(0, last);
    }

    private void StoreAcknowledged(SqliteTransaction transaction, IReadOnlyList<SequenceRange> ranges)
    {
        using (var clear = Command(transaction, "DELETE FROM acknowledged"))
        {
            clear.ExecuteNonQuery();
        }

        using var insert = Command(transaction, "INSERT INTO acknowledged(first, last) VALUES ($first, $last)");
        var first = insert.Parameters.Add("$first", SqliteType.Integer);
        var last = insert.Parameters.Add("$last", SqliteType.Integer);
        foreach (var range in ranges)
        {
            first.Value = range.First;
            last.Value = range.Last;
            insert.ExecuteNonQuery();
        }
    }

    private void SetMeta(SqliteTransaction transaction, string key, long value)
    {
        _setMeta.Transaction = transaction;
        _metaKey.Value = key;
        _metaValue.Value = value;
        _setMeta.ExecuteNonQuery();
    }

    private long UsedBytes()
    {
        var pages = Convert.ToInt64(Scalar(_writer, "PRAGMA page_count"), CultureInfo.InvariantCulture);
        if (pages * _pageSize <= _options.MaxBytes)
        {
            return pages * _pageSize; // the free pages cannot matter: skip the second pragma
        }

        var free = Convert.ToInt64(Scalar(_writer, "PRAGMA freelist_count"), CultureInfo.InvariantCulture);
        return (pages - free) * _pageSize;
    }

    private void SetPageLimit(long maxPages) =>
        Execute(_writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {maxPages}"));

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private OutboxStorageException Failure(SqliteException exception, string operation)
    {
        Report(exception, operation);
        return new OutboxStorageException(Classify(exception), $"outbox {operation} failed: {exception.Message}", exception);
    }

    private void Report(SqliteException exception, string operation)
    {
        Volatile.Write(ref _lastFailure, $"{operation}: {exception.Message}");
        if (_logger is not null)
        {
            SqliteOutboxLog.OperationFailed(_logger, operation, Classify(exception), exception);
        }
    }

    internal static OutboxFailureKind Classify(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) switch
    {
        SqliteFull => OutboxFailureKind.DiskFull,
        SqliteIoError or SqliteCantOpen => OutboxFailureKind.Io,
        SqliteCorrupt or SqliteNotADatabase => OutboxFailureKind.Corrupt,
        SqliteBusy or SqliteLocked => OutboxFailureKind.Busy,
        _ => OutboxFailureKind.Other,
    };

    private static bool IsDamage(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase;

    /// <summary>After SQLITE_FULL or an I/O error SQLite may already have rolled the transaction back itself.</summary>
    private static void RollBackQuietly(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Rollback();
        }
        catch (SqliteException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static void DisposeQuietly(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Dispose();
        }
        catch (SqliteException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static SqliteConnection OpenConnection(string path, SqliteOutboxOptions options, SqliteOpenMode mode)
    {
        // No pooling: the outbox holds its two connections for its lifetime, and a pooled handle left open after
        // Dispose would keep the file (and its WAL) busy for a quarantine or a test's clean-up.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL"); // stored in the file; the first statement that reads it
            Execute(connection, options.Synchronous == OutboxSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            Execute(connection, "PRAGMA busy_timeout = 5000");
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA journal_size_limit = {options.WalSizeLimitBytes}"));

            // A negative cache_size is in KiB: bounds the page cache, so memory does not grow with the database.
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{Math.Max(64, options.CacheSizeBytes / 1024)}"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Null when the database is sound; otherwise what quick_check found (first lines).</summary>
    private static string? QuickCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        var findings = new List<string>();
        using var row = command.ExecuteReader();
        while (row.Read() && findings.Count < 5)
        {
            findings.Add(row.GetString(0));
        }

        return findings is ["ok"] ? null : "quick_check: " + string.Join("; ", findings);
    }

    /// <summary>Creates the tables in a new (empty) database; returns whether it did.</summary>
    private static bool EnsureSchema(SqliteConnection connection, long firstSequenceAfter, TimeProvider time)
    {
        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > SqliteOutboxSchema.Version)
        {
            throw new OutboxStorageException(OutboxFailureKind.Incompatible, $"the outbox {connection.DataSource} has schema version {version}; this gateway knows {SqliteOutboxSchema.Version}", null);
        }

        if (version == SqliteOutboxSchema.Version)
        {
            return false;
        }

        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteOutboxSchema.Create;
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($lastKey, $last), ($idKey, $id), ($createdKey, $created)";
        command.Parameters.AddWithValue("$lastKey", SqliteOutboxSchema.LastSequenceKey);
        command.Parameters.AddWithValue("$last", firstSequenceAfter);
        command.Parameters.AddWithValue("$idKey", SqliteOutboxSchema.StoreIdKey);
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
        command.Parameters.AddWithValue("$createdKey", SqliteOutboxSchema.CreatedKey);
        command.Parameters.AddWithValue("$created", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        if (firstSequenceAfter > 0)
        {
            // The numbers of the quarantined store are settled: the new one's backlog starts after them.
            command.Parameters.Clear();
            command.CommandText = "INSERT INTO acknowledged(first, last) VALUES (1, $last)";
            command.Parameters.AddWithValue("$last", firstSequenceAfter);
            command.ExecuteNonQuery();
        }

        command.Parameters.Clear();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {SqliteOutboxSchema.Version}");
        command.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }

    private static SequenceRangeSet LoadAcknowledged(SqliteConnection connection)
    {
        var set = new SequenceRangeSet();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT first, last FROM acknowledged ORDER BY first";
        using var row = command.ExecuteReader();
        while (row.Read())
        {
            set.Add(row.GetInt64(0), row.GetInt64(1));
        }

        return set;
    }

    /// <summary>Best effort: the last sequence and store id still readable from a damaged database.</summary>
    private static (long? LastSequence, Guid? StoreId) Salvage(string path)
    {
        long? last = null;
        Guid? storeId = null;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            foreach (var sql in (ReadOnlySpan<string>)[
                $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.LastSequenceKey}'",
                "SELECT max(seq) FROM readings",
                "SELECT max(seq) FROM aggregates",
                "SELECT max(seq) FROM events"])
            {
                try
                {
                    if (Scalar(connection, sql) is long value && value > 0)
                    {
                        last = Math.Max(last ?? 0, value);
                    }
                }
                catch (SqliteException)
                {
                }
            }

            try
            {
                if (Scalar(connection, $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.StoreIdKey}'") is string id && Guid.TryParse(id, out var parsed))
                {
                    storeId = parsed;
                }
            }
            catch (SqliteException)
            {
            }
        }
        catch (SqliteException)
        {
        }

        return (last, storeId);
    }

    private static string MoveAside(string path, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = $"{path}.corrupt-{stamp}";
        for (var n = 2; File.Exists(target); n++)
        {
            target = string.Create(CultureInfo.InvariantCulture, $"{path}.corrupt-{stamp}-{n}");
        }

        File.Move(path, target);
        foreach (var suffix in (ReadOnlySpan<string>)["-wal", "-shm", "-journal"])
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        return target;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
