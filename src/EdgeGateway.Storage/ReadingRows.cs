using EdgeGateway.Pipeline;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>Writes and reads the <c>readings</c> table: one prepared insert reused for every reading of a transaction.</summary>
internal sealed class ReadingRows : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _sequence;
    private readonly SqliteParameter _ticks;
    private readonly SqliteParameter _channel;
    private readonly SqliteParameter _raw;
    private readonly SqliteParameter _value;
    private readonly SqliteParameter _flag;
    private readonly SqliteParameter _reason;

    public ReadingRows(SqliteConnection writer)
    {
        _insert = writer.CreateCommand();
        _insert.CommandText = "INSERT INTO readings(seq, ticks, channel, raw, value, flag, reason) VALUES ($seq, $ticks, $channel, $raw, $value, $flag, $reason)";
        _sequence = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _ticks = _insert.Parameters.Add("$ticks", SqliteType.Integer);
        _channel = _insert.Parameters.Add("$channel", SqliteType.Integer);
        _raw = _insert.Parameters.Add("$raw", SqliteType.Real);
        _value = _insert.Parameters.Add("$value", SqliteType.Real);
        _flag = _insert.Parameters.Add("$flag", SqliteType.Integer);
        _reason = _insert.Parameters.Add("$reason", SqliteType.Integer);
    }

    public void Insert(SqliteTransaction transaction, long sequence, in Reading reading)
    {
        _insert.Transaction = transaction;
        _sequence.Value = sequence;
        _ticks.Value = reading.TimestampTicks;
        _channel.Value = reading.Channel;
        _raw.Value = SqliteValues.FromDouble(reading.Raw);
        _value.Value = SqliteValues.FromDouble(reading.Value);
        _flag.Value = (int)reading.Flag;
        _reason.Value = (int)reading.Reason;
        _insert.ExecuteNonQuery();
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
}
