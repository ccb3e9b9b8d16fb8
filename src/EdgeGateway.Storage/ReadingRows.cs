using EdgeGateway.Pipeline;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeGateway.Storage;

/// <summary>
/// Writes and reads the <c>readings</c> table: one statement, prepared once, reused for every reading the writer
/// inserts.
/// </summary>
/// <remarks>
/// The insert is the consumer's hottest path (one per reading), so it binds by position on SQLite's own statement
/// handle: through <see cref="SqliteCommand"/> each execution looked every parameter up by name (a UTF-8 conversion
/// and a scan of the statement's names apiece) and boxed every value, about half of the insert's cost and a quarter of
/// the consumer's CPU at field load (issue 18). It runs on the writer's connection inside the transaction the writer
/// began; a failure is thrown as the <see cref="SqliteException"/> a command would throw, so the writer classifies it
/// (disk full, I/O) and rolls back as before.
/// </remarks>
internal sealed class ReadingRows : IDisposable
{
    private const int Sequence = 1;
    private const int Ticks = 2;
    private const int Channel = 3;
    private const int Raw = 4;
    private const int Value = 5;
    private const int Flag = 6;
    private const int Reason = 7;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _insert;

    public ReadingRows(SqliteConnection writer)
    {
        (_database, _insert) = NativeStatement.Prepare(
            writer,
            "INSERT INTO readings(seq, ticks, channel, raw, value, flag, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            "writer's");
    }

    /// <summary>Inserts one reading; call only inside the writer's open transaction.</summary>
    /// <exception cref="SqliteException">SQLite refused the row (disk full, I/O error, a constraint).</exception>
    public void Insert(long sequence, in Reading reading)
    {
        raw.sqlite3_bind_int64(_insert, Sequence, sequence);
        raw.sqlite3_bind_int64(_insert, Ticks, reading.TimestampTicks);
        raw.sqlite3_bind_int(_insert, Channel, reading.Channel);
        BindDouble(Raw, reading.Raw);
        BindDouble(Value, reading.Value);
        raw.sqlite3_bind_int(_insert, Flag, (int)reading.Flag);
        raw.sqlite3_bind_int(_insert, Reason, (int)reading.Reason);
        var rc = raw.sqlite3_step(_insert);

        // Reset at once, so that no statement is left in progress when the writer commits or rolls back.
        raw.sqlite3_reset(_insert);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }

    /// <summary>Maps a row of <see cref="SqliteOutboxSchema.ReadingColumns"/>.</summary>
    public static OutboxReading Map(SqliteDataReader row) => new(
        row.GetInt64(0),
        new Reading(
            row.GetInt32(2),
            row.GetInt64(1),
            SqliteValues.ToDouble(row, 3),
            SqliteValues.ToDouble(row, 4),
            (DataFlag)row.GetInt32(5),
            (FlagReason)row.GetInt32(6)));

    public void Dispose() => _insert.Dispose();

    // SQLite has no NaN (it would store NULL anyway): NaN goes in as NULL, as SqliteValues.FromDouble does for commands.
    private void BindDouble(int index, double value)
    {
        if (double.IsNaN(value))
        {
            raw.sqlite3_bind_null(_insert, index);
        }
        else
        {
            raw.sqlite3_bind_double(_insert, index, value);
        }
    }
}
