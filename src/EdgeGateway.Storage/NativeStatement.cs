using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeGateway.Storage;

/// <summary>
/// Prepares a statement on SQLite's own handle of an open connection, for the hot paths that bind by position and step
/// it themselves (<see cref="ReadingRows"/>, <see cref="ReadingRangeQuery"/>, the writer's size pragmas); a failure is the
/// <see cref="SqliteException"/> a command would throw.
/// </summary>
internal static class NativeStatement
{
    /// <summary>The connection's database handle and <paramref name="sql"/> prepared on it, for the connection's life.</summary>
    /// <param name="role">Which connection, for the error when it is not open ("writer's", "reading").</param>
    public static (sqlite3 Database, sqlite3_stmt Statement) Prepare(SqliteConnection connection, string sql, string role)
    {
        var database = connection.Handle ?? throw new InvalidOperationException($"the {role} connection is not open");
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, database);
        return (database, statement);
    }
}
