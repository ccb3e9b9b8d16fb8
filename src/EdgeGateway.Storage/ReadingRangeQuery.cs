using EdgeGateway.Pipeline;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeGateway.Storage;

/// <summary>
/// The publisher's read of readings: rows with sequence in (after, upTo], oldest first, at most limit, on the reading
/// connection. One statement, prepared once, bound by position and read by ordinal; the limit is where it stops stepping.
/// </summary>
/// <remarks>
/// Every record the publisher sends is read here once. Through <see cref="SqliteCommand"/> and
/// <see cref="SqliteDataReader"/> each read looked its parameters up by name and made a reader, and each column cost a
/// null check on top of the value (two native calls); about a tenth of the thread pool's samples at field load
/// (issue 18). Here only the two REAL columns ask for their type (NULL is NaN, as <see cref="SqliteValues.ToDouble"/>
/// maps it). Not thread-safe: <see cref="SqliteOutboxReader"/> runs one read at a time.
/// </remarks>
internal sealed class ReadingRangeQuery : IDisposable
{
    private const int After = 1;
    private const int UpTo = 2;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _select;

    public ReadingRangeQuery(SqliteConnection reader)
    {
        (_database, _select) = NativeStatement.Prepare(reader, SqliteOutboxSchema.SelectReadings, "reading");
    }

    /// <exception cref="SqliteException">SQLite could not read (I/O error, a damaged page).</exception>
    public List<OutboxReading> Run(long after, long upTo, int limit)
    {
        var readings = new List<OutboxReading>(Math.Min(limit, 1_024));
        raw.sqlite3_bind_int64(_select, After, after);
        raw.sqlite3_bind_int64(_select, UpTo, upTo);
        try
        {
            while (readings.Count < limit)
            {
                var rc = raw.sqlite3_step(_select);
                if (rc != raw.SQLITE_ROW)
                {
                    if (rc != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(rc, _database);
                    }

                    break;
                }

                readings.Add(Map());
            }
        }
        finally
        {
            // Reset at once: a statement left in progress would hold its read transaction (and the WAL) open.
            raw.sqlite3_reset(_select);
        }

        return readings;
    }

    public void Dispose() => _select.Dispose();

    // The columns of SqliteOutboxSchema.ReadingColumns: seq, ticks, channel, raw, value, flag, reason.
    private OutboxReading Map() => new(
        raw.sqlite3_column_int64(_select, 0),
        new Reading(
            raw.sqlite3_column_int(_select, 2),
            raw.sqlite3_column_int64(_select, 1),
            Double(3),
            Double(4),
            (DataFlag)raw.sqlite3_column_int(_select, 5),
            (FlagReason)raw.sqlite3_column_int(_select, 6)));

    private double Double(int column) =>
        raw.sqlite3_column_type(_select, column) == raw.SQLITE_NULL ? double.NaN : raw.sqlite3_column_double(_select, column);
}
