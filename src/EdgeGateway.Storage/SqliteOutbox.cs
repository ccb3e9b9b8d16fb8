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
/// <para>Destinations: each platform link (<see cref="SqliteOutboxOptions.Destinations"/>) has its own acknowledged
/// sequences (<see cref="SqliteOutboxAcknowledgements"/>); retention deletes only what every destination acknowledged
/// (<see cref="SqliteOutboxHousekeeping"/>).</para>
/// <para>Size: the cap counts the database's used pages (page_count − freelist_count). When an append takes it over the
/// cap, the oldest records acknowledged by every destination go first (only history is lost), then the oldest of the
/// rest (data lost to a platform): both in one transaction with a data-evicted event that names the ranges, and the
/// evicted numbers count as settled for every destination so each acknowledged prefix moves on.</para>
/// <para>Pieces: the file and its integrity (<see cref="SqliteOutboxFile"/>), the writing connection and its
/// transaction pattern (<see cref="SqliteOutboxWriter"/>), the reading connection (<see cref="SqliteOutboxReader"/>);
/// this class appends, acknowledges and ties them together.</para>
/// <para>Damage: at open an unreadable file or a failed <c>PRAGMA quick_check</c> moves the database (with its -wal
/// and -shm) aside to <c>&lt;name&gt;.corrupt-&lt;UTC time&gt;</c>, creates a new one that continues after the last
/// sequence it could still read, and appends a store-quarantined event (<see cref="OpenReport"/> says so too).</para>
/// </remarks>
public sealed class SqliteOutbox : IOutbox
{
    private readonly SqliteOutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly SqliteOutboxWriter _writer;
    private readonly SqliteOutboxReader _reader;
    private readonly SqliteOutboxAcknowledgements _acknowledgements;
    private readonly SqliteOutboxHousekeeping _housekeeping;
    private readonly ReadingRows _readingRows;
    private readonly AggregateRows _aggregateRows;
    private readonly EventRows _eventRows;
    private readonly AcknowledgementRows _acknowledgementRows;
    private readonly Lock _writeLock = new();
    private long _lastSequence;
    private long _durableSequence;
    private long _transactions;
    private long _recordsAppended;
    private long _failedAppends;
    private long _failedMaintenance;
    private volatile bool _disposed;

    private SqliteOutbox(SqliteOutboxOptions options, string path, TimeProvider time, ILogger? logger, SqliteConnection writer, SqliteOutboxOpenReport report)
    {
        _options = options;
        _time = time;
        Path = path;
        OpenReport = report;

        _writer = new SqliteOutboxWriter(writer, logger);
        if (options.MaxPageCount is { } maxPages)
        {
            _writer.SetPageLimit(maxPages);
        }

        StoreId = SqliteOutboxFile.ReadStoreId(writer);
        _lastSequence = SqliteOutboxFile.ReadLastSequence(writer);
        _acknowledgements = SqliteOutboxAcknowledgements.Load(writer, options.Destinations, _lastSequence);
        _readingRows = new ReadingRows(writer);
        _aggregateRows = new AggregateRows(writer);
        _eventRows = new EventRows(writer);
        _acknowledgementRows = new AcknowledgementRows(writer);
        _housekeeping = new SqliteOutboxHousekeeping(_writer, options, _acknowledgements, _acknowledgementRows, _eventRows, time, logger);
        _reader = new SqliteOutboxReader(this, path, options);

        // What the previous process committed with synchronous=NORMAL may still sit in the page cache only: flush it
        // once, so everything found at open counts as durable. Destinations added or forgotten are stored with it.
        lock (_writeLock)
        {
            MakeDurableCore(force: true);
        }

        if (logger is not null)
        {
            // In a new database every destination is new: worth a line only where records were stored before.
            foreach (var destination in _lastSequence > 0 ? _acknowledgements.Added : [])
            {
                SqliteOutboxLog.DestinationAdded(logger, path, destination, _lastSequence);
            }

            foreach (var destination in _acknowledgements.Forgotten)
            {
                SqliteOutboxLog.DestinationForgotten(logger, path, destination);
            }
        }
    }

    /// <summary>The database file (full path).</summary>
    public string Path { get; }

    /// <summary>Whether the database was created and whether a damaged one was quarantined.</summary>
    public SqliteOutboxOpenReport OpenReport { get; }

    public Guid StoreId { get; }

    public IReadOnlyList<string> Destinations => _acknowledgements.Destinations;

    public long LastSequence => Volatile.Read(ref _lastSequence);

    public long DurableSequence => Volatile.Read(ref _durableSequence);

    public long AcknowledgedPrefix => _acknowledgements.SettledPrefix;

    public SqliteOutboxStatistics Statistics => new(
        Interlocked.Read(ref _transactions),
        Interlocked.Read(ref _recordsAppended),
        Interlocked.Read(ref _failedAppends),
        _housekeeping.RetentionDeleted,
        _housekeeping.EvictedAcknowledged,
        _housekeeping.EvictedUnacknowledged,
        Interlocked.Read(ref _failedMaintenance),
        _writer.LastFailure);

    /// <summary>
    /// Opens (or creates) the outbox at <see cref="SqliteOutboxOptions.Path"/>. A damaged database is quarantined and
    /// replaced (see the class remarks); the caller learns it from <see cref="OpenReport"/> and the appended event. A
    /// database of an older schema is migrated (see docs/storage.md).
    /// </summary>
    /// <exception cref="OutboxStorageException">The database cannot be opened for another reason (permissions, disk, a newer schema).</exception>
    public static SqliteOutbox Open(SqliteOutboxOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBytes);
        OutboxDestinations.Validate(options.Destinations, nameof(options));
        var time = options.Time ?? TimeProvider.System;
        var path = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        SqliteConnection? writer = null;
        try
        {
            var opened = SqliteOutboxFile.OpenOrQuarantine(path, options, time);
            writer = opened.Writer;
            var quarantine = opened.Quarantine;
            var outbox = new SqliteOutbox(options, path, time, logger, writer, new SqliteOutboxOpenReport(opened.Created, quarantine));
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
            throw new OutboxStorageException(SqliteOutboxWriter.Classify(exception), $"cannot open the outbox {path}: {exception.Message}", exception);
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
            var snapshot = _acknowledgements.Snapshot();
            var sequence = _writer.Commit("append", ref _failedAppends, readings, (transaction, batch) =>
            {
                var next = first - 1;
                foreach (ref readonly var reading in batch)
                {
                    _readingRows.Insert(++next, reading);
                }

                foreach (var record in aggregates)
                {
                    _aggregateRows.Insert(transaction, ++next, record);
                }

                foreach (var gatewayEvent in events)
                {
                    _eventRows.Insert(transaction, ++next, gatewayEvent);
                }

                // Acknowledgements ride along: one commit (one flush at FULL) for both.
                _acknowledgements.StoreIfChanged(_acknowledgementRows, transaction, snapshot);
                _writer.SetMeta(transaction, SqliteOutboxSchema.LastSequenceKey, next);
                return next;
            });

            _acknowledgements.MarkStored(snapshot.Version);
            Volatile.Write(ref _lastSequence, sequence);
            if (_options.Synchronous == OutboxSynchronous.Full)
            {
                Volatile.Write(ref _durableSequence, sequence);
            }

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _recordsAppended, sequence - first + 1);
            try
            {
                // Measured only when what was written since the last measurement could have taken it over the cap.
                if (!_writer.SurelyFits(_options.MaxBytes))
                {
                    EnforceCap();
                }
            }
            catch (SqliteException exception)
            {
                // The append itself is committed; the cap is enforced again after the next one.
                Interlocked.Increment(ref _failedMaintenance);
                _writer.Report(exception, "eviction");
            }

            return new OutboxAppendResult(first, sequence);
        }
    }

    public IReadOnlyList<OutboxEntry> Read(long afterSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _reader.Read([(afterSequence, long.MaxValue)], maxCount);
    }

    public IReadOnlyList<OutboxEntry> ReadUnacknowledged(string destination, long afterSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var gaps = _acknowledgements.Gaps(destination, afterSequence, LastSequence);
        return _reader.Read(gaps.Select(gap => (gap.First - 1, gap.Last)), maxCount);
    }

    /// <summary>
    /// The start of the newest stored record of a period (any outlet or channel); null when there is none. Windows of
    /// all outlets close together, so every window that starts no later was closed and stored already.
    /// </summary>
    public DateTimeOffset? LatestAggregateStart(AggregatePeriod period) => _reader.LatestAggregateStart(period);

    public IReadOnlyList<OutboxAggregate> ReadAggregates(AggregatePeriod period, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _reader.ReadAggregates(period, null, fromUtc, toUtc, maxCount);
    }

    public IReadOnlyList<OutboxAggregate> ReadChannelAggregates(AggregatePeriod period, int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _reader.ReadAggregates(period, channel, fromUtc, toUtc, maxCount);
    }

    public IReadOnlyList<OutboxReading> ReadReadings(DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return toUtc <= fromUtc ? [] : _reader.ReadReadings(null, fromUtc, toUtc, maxCount);
    }

    public IReadOnlyList<OutboxReading> ReadChannelReadings(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return toUtc <= fromUtc ? [] : _reader.ReadReadings(channel, fromUtc, toUtc, maxCount);
    }

    public void Acknowledge(string destination, long firstSequence, long lastSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastSequence, firstSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastSequence, LastSequence);
        _acknowledgements.Add(destination, firstSequence, lastSequence);
    }

    public bool IsAcknowledged(string destination, long sequence) => _acknowledgements.Contains(destination, sequence);

    public IReadOnlyList<SequenceRange> AcknowledgedRanges(string destination) => _acknowledgements.Ranges(destination);

    public OutboxBacklog GetBacklog(string destination)
    {
        var last = LastSequence;
        var (prefix, settled) = _acknowledgements.PrefixAndCount(destination);
        if (prefix >= last)
        {
            return new OutboxBacklog(0, null, null);
        }

        var oldest = prefix + 1;
        return new OutboxBacklog(last - settled, oldest, _reader.TimestampOf(oldest));
    }

    public OutboxMaintenanceResult Maintain(DateTimeOffset now)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var snapshot = _acknowledgements.Snapshot();
            var (deleted, budgetExhausted) = _writer.Commit("retention", ref _failedMaintenance, snapshot, (transaction, acknowledged) =>
            {
                // Retention deletes only what this same transaction stores as acknowledged (by every destination).
                _acknowledgements.StoreIfChanged(_acknowledgementRows, transaction, acknowledged);
                return _housekeeping.DeleteExpired(transaction, acknowledged.Delivered(), now);
            });

            _acknowledgements.MarkStored(snapshot.Version);
            _housekeeping.CountRetention(deleted);
            long evicted;
            try
            {
                evicted = EnforceCap();
            }
            catch (SqliteException exception)
            {
                Interlocked.Increment(ref _failedMaintenance);
                throw _writer.Failure(exception, "eviction");
            }

            return new OutboxMaintenanceResult(deleted, evicted, budgetExhausted);
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
                throw _writer.Failure(exception, "flush");
            }
        }
    }

    /// <summary>The bytes the database's pages hold now (page_count − freelist_count) × page_size: what the cap is compared with.</summary>
    public long MeasureUsedBytes()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _writer.UsedBytes(_options.MaxBytes);
        }
    }

    /// <summary>Test seam: the writing connection, to count the statements an append compiles and runs.</summary>
    internal SqliteConnection WriterConnectionForTesting => _writer.Connection;

    /// <summary>Test seam: the reading connection, to count the statements a read compiles and runs.</summary>
    internal SqliteConnection ReaderConnectionForTesting => _reader.Connection;

    /// <summary>Test seam: sets (or, with a large number, lifts) <c>PRAGMA max_page_count</c>; see <see cref="SqliteOutboxOptions.MaxPageCount"/>.</summary>
    internal void SetPageLimitForTesting(long maxPages)
    {
        lock (_writeLock)
        {
            _writer.SetPageLimit(maxPages);
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
                // A graceful stop keeps the acknowledgements the platforms sent since the last transaction.
                MakeDurableCore(force: false);
            }
            catch (SqliteException exception)
            {
                _writer.Report(exception, "final flush");
            }

            _disposed = true;
            _reader.Dispose();
            _readingRows.Dispose();
            _aggregateRows.Dispose();
            _eventRows.Dispose();
            _acknowledgementRows.Dispose();
            _writer.Dispose();
        }
    }

    /// <summary>Enforces the size cap (see <see cref="SqliteOutboxHousekeeping.EnforceCap"/>); the data-evicted event is the new last sequence.</summary>
    private long EnforceCap()
    {
        var (records, eventSequence) = _housekeeping.EnforceCap(_lastSequence);
        if (records > 0)
        {
            Volatile.Write(ref _lastSequence, eventSequence);
            if (_options.Synchronous == OutboxSynchronous.Full)
            {
                Volatile.Write(ref _durableSequence, eventSequence);
            }
        }

        return records;
    }

    private void MakeDurableCore(bool force)
    {
        var last = _lastSequence;
        var snapshot = _acknowledgements.Snapshot();
        if (!force && _acknowledgements.IsStored(snapshot)
            && (_options.Synchronous == OutboxSynchronous.Full || _durableSequence == last))
        {
            Volatile.Write(ref _durableSequence, last); // at FULL every commit was flushed already
            return;
        }

        // A commit at synchronous=FULL flushes the whole write-ahead log, the NORMAL commits before it included.
        SqliteOutboxFile.Execute(_writer.Connection, "PRAGMA synchronous = FULL");
        try
        {
            _writer.Commit(snapshot, (transaction, acknowledged) =>
            {
                _acknowledgements.StoreIfChanged(_acknowledgementRows, transaction, acknowledged);

                // Something must change for the commit to write (and flush) the log.
                _writer.SetMeta(transaction, "durable_utc_ticks", _time.GetUtcNow().UtcTicks);
                return true;
            });
        }
        finally
        {
            SqliteOutboxFile.Execute(_writer.Connection, _options.Synchronous == OutboxSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        }

        _acknowledgements.MarkStored(snapshot.Version);
        Volatile.Write(ref _durableSequence, last);
    }
}
