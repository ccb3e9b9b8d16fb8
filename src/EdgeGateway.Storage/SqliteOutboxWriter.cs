using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

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
        var pages = Convert.ToInt64(SqliteOutboxFile.Scalar(Connection, "PRAGMA page_count"), CultureInfo.InvariantCulture);
        if (pages * _pageSize <= cap)
        {
            return pages * _pageSize; // the free pages cannot matter: skip the second pragma
        }

        var free = Convert.ToInt64(SqliteOutboxFile.Scalar(Connection, "PRAGMA freelist_count"), CultureInfo.InvariantCulture);
        return (pages - free) * _pageSize;
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
        _setMeta.Dispose();
        Connection.Dispose();
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
