using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// Counts, on one connection, the statements SQLite compiles (its authorizer is asked only while a statement is
/// prepared) and the statements it runs (its trace fires as each execution begins). Detach by disposing.
/// </summary>
internal sealed class SqliteStatementCounter : IDisposable
{
    // The authorizer's action codes that stand for one compiled statement (the others are its parts: columns read, ...).
    private static readonly Dictionary<int, string> StatementActions = new()
    {
        [raw.SQLITE_DELETE] = "DELETE",
        [raw.SQLITE_INSERT] = "INSERT",
        [raw.SQLITE_PRAGMA] = "PRAGMA",
        [raw.SQLITE_SELECT] = "SELECT",
        [raw.SQLITE_TRANSACTION] = "TRANSACTION",
        [raw.SQLITE_UPDATE] = "UPDATE",
    };

    private readonly sqlite3 _database;
    private readonly List<string> _compiled = [];
    private readonly List<string> _run = [];

    public SqliteStatementCounter(SqliteConnection connection)
    {
        _database = connection.Handle!;
        raw.sqlite3_set_authorizer(_database, Authorize, null);
        raw.sqlite3_trace(_database, Trace, null);
    }

    /// <summary>What each compiled statement is (INSERT, PRAGMA, TRANSACTION, ...), in order; with the PRAGMA's name.</summary>
    public IReadOnlyList<string> Compiled => _compiled;

    /// <summary>The text of each statement run, in order.</summary>
    public IReadOnlyList<string> Run => _run;

    public void Clear()
    {
        _compiled.Clear();
        _run.Clear();
    }

    public void Dispose()
    {
        raw.sqlite3_set_authorizer(_database, (delegate_authorizer?)null, null);
        raw.sqlite3_trace(_database, (delegate_trace?)null, null);
    }

    private int Authorize(object userData, int actionCode, utf8z param0, utf8z param1, utf8z databaseName, utf8z trigger)
    {
        if (StatementActions.TryGetValue(actionCode, out var action))
        {
            _compiled.Add(actionCode == raw.SQLITE_PRAGMA ? $"PRAGMA {param0.utf8_to_string()}" : action);
        }

        return raw.SQLITE_OK;
    }

    private void Trace(object userData, utf8z statement) => _run.Add(statement.utf8_to_string());
}
