using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace EdgeGateway.Storage;

/// <summary>
/// The outbox's writing connection and its one transaction pattern: begin, do the work, commit; on a SQLite error roll
/// back quietly (SQLite may have rolled back already), and either rethrow it or count it, report it and throw an
/// <see cref="OutboxStorageException"/> that says what kind of failure it was. Used only under the outbox's write lock.
/// </summary>
internal sealed class SqliteOutboxWriter : IDisposable
{
    // SQLite primary result codes (the low byte of an extended code).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    private readonly ILogger? _logger;
    private readonly SqliteCommand _setMeta;
    private readonly SqliteParameter _metaKey;
    private readonly SqliteParameter _metaValue;
    private readonly long _pageSize;
    private readonly sqlite3_stmt _pageCount;
    private readonly sqlite3_stmt _freelistCount;
    private long _pagesAtMost;
    private string? _lastFailure;

    public SqliteOutboxWriter(SqliteConnection connection, ILogger? logger)
    {
        Connection = connection;
        _logger = logger;
        _pageSize = Convert.ToInt64(SqliteOutboxFile.Scalar(connection, "PRAGMA page_size"), CultureInfo.InvariantCulture);
        _setMeta = connection.CreateCommand();
        _setMeta.CommandText = "INSERT OR REPLACE INTO meta(key, value) VALUES ($key, $value)";
        _metaKey = _setMeta.Parameters.Add("$key", SqliteType.Text);
        _metaValue = _setMeta.Parameters.Add("$value", SqliteType.Integer);

        // SQLite compiles a pragma again each time it runs (a pragma's program runs only once), so keeping these
        // saves only a command and a data reader per measurement; not measuring is what saves (see SurelyFits).
        _pageCount = NativeStatement.Prepare(connection, "PRAGMA page_count", "writer's").Statement;
        _freelistCount = NativeStatement.Prepare(connection, "PRAGMA freelist_count", "writer's").Statement;
        PagesWrittenSinceAsked();
        _pagesAtMost = Count(_pageCount);
    }

    public SqliteConnection Connection { get; }

    /// <summary>The last failure's operation and message, for the statistics.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it, unless the work rolled it back itself (nothing to
    /// keep). A <see cref="SqliteException"/> rolls back and is rethrown as it is.
    /// </summary>
    public TResult Commit<TState, TResult>(TState state, Func<SqliteTransaction, TState, TResult> work)
        where TState : allows ref struct
    {
        SqliteTransaction? transaction = null;
        try
        {
            transaction = Connection.BeginTransaction();
            var result = work(transaction, state);
            if (transaction.Connection is not null)
            {
                transaction.Commit();
            }

            return result;
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

    /// <summary>
    /// Like <see cref="Commit{TState, TResult}(TState, Func{SqliteTransaction, TState, TResult})"/>; a failure is counted
    /// in <paramref name="failures"/>, reported as <paramref name="operation"/> and thrown as an <see cref="OutboxStorageException"/>.
    /// </summary>
    public TResult Commit<TState, TResult>(string operation, ref long failures, TState state, Func<SqliteTransaction, TState, TResult> work)
        where TState : allows ref struct
    {
        try
        {
            return Commit(state, work);
        }
        catch (SqliteException exception)
        {
            Interlocked.Increment(ref failures);
            throw Failure(exception, operation);
        }
    }

    public SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public void SetMeta(SqliteTransaction transaction, string key, long value)
    {
        _setMeta.Transaction = transaction;
        _metaKey.Value = key;
        _metaValue.Value = value;
        _setMeta.ExecuteNonQuery();
    }

    /// <summary>The bytes the database's pages hold now (page_count − freelist_count) × page_size; the free pages are counted only above <paramref name="cap"/>.</summary>
    public long UsedBytes(long cap)
    {
        PagesWrittenSinceAsked(); // counted from this measurement on
        var pages = Count(_pageCount);
        _pagesAtMost = pages;
        if (pages * _pageSize <= cap)
        {
            return pages * _pageSize; // the free pages cannot matter: skip the second pragma
        }

        return (pages - Count(_freelistCount)) * _pageSize;
    }

    /// <summary>
    /// Whether the database surely fits under <paramref name="cap"/> bytes after what this connection wrote since the
    /// last <see cref="UsedBytes"/>, without asking SQLite for its page count. False means "measure": it may still fit.
    /// </summary>
    /// <remarks>
    /// The file grows only by pages SQLite writes: each new page is written (to the log) by the commit that adds it or
    /// by a spill before, and SQLite counts every page it writes (SQLITE_DBSTATUS_CACHE_WRITE). So the pages now are at
    /// most the last measured count plus the pages written since, plus one per call for the lock-byte page SQLite skips
    /// without writing when the file passes 1 GiB. All pages fitting means the used ones fit, the answer
    /// <see cref="UsedBytes"/> would give, so the cap acts at the same append as when it was measured after every one;
    /// near the cap every append measures (issue 18: the measurement was a pragma compiled and run, in a read
    /// transaction of its own, after every append).
    /// </remarks>
    public bool SurelyFits(long cap)
    {
        _pagesAtMost += PagesWrittenSinceAsked() + 1;
        return _pagesAtMost * _pageSize <= cap;
    }

    public void SetPageLimit(long maxPages) =>
        SqliteOutboxFile.Execute(Connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {maxPages}"));

    public OutboxStorageException Failure(SqliteException exception, string operation)
    {
        Report(exception, operation);
        return new OutboxStorageException(Classify(exception), $"outbox {operation} failed: {exception.Message}", exception);
    }

    public void Report(SqliteException exception, string operation)
    {
        Volatile.Write(ref _lastFailure, $"{operation}: {exception.Message}");
        if (_logger is not null)
        {
            SqliteOutboxLog.OperationFailed(_logger, operation, Classify(exception), exception);
        }
    }

    public static OutboxFailureKind Classify(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) switch
    {
        SqliteFull => OutboxFailureKind.DiskFull,
        SqliteIoError or SqliteCantOpen => OutboxFailureKind.Io,
        SqliteCorrupt or SqliteNotADatabase => OutboxFailureKind.Corrupt,
        SqliteBusy or SqliteLocked => OutboxFailureKind.Busy,
        _ => OutboxFailureKind.Other,
    };

    public static bool IsDamage(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase;

    public void Dispose()
    {
        _pageCount.Dispose();
        _freelistCount.Dispose();
        _setMeta.Dispose();
        Connection.Dispose();
    }

    /// <summary>The pages this connection wrote since the last call (SQLite's counter, reset by the call).</summary>
    private long PagesWrittenSinceAsked()
    {
        var rc = raw.sqlite3_db_status(Connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, 1);
        SqliteException.ThrowExceptionForRC(rc, Connection.Handle);
        return written;
    }

    /// <summary>Steps a one-number pragma and resets it at once, so that no read transaction stays open.</summary>
    private long Count(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        try
        {
            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, Connection.Handle);
            }

            return raw.sqlite3_column_int64(statement, 0);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

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
}
