using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>Writes and reads the <c>aggregates</c> table, one column per field of <see cref="AggregateRecord"/>.</summary>
internal sealed class AggregateRows : IDisposable
{
    private static readonly string[] ParameterNames =
    [
        "$seq", "$period", "$start", "$offset", "$length", "$outlet", "$channel", "$min", "$avg", "$max",
        "$zsMin", "$zsAvg", "$zsMax", "$cou", "$isValid", "$flag", "$expected", "$validCount",
        "$n", "$f", "$m", "$s", "$d", "$c", "$t", "$b",
    ];

    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;

    public AggregateRows(SqliteConnection writer)
    {
        _insert = writer.CreateCommand();
        _insert.CommandText = $"INSERT INTO aggregates({SqliteOutboxSchema.AggregateColumns}) VALUES ({string.Join(", ", ParameterNames)})";
        // No declared types: each value binds with its own (REAL columns get doubles, NULL for NaN).
        _parameters = [.. ParameterNames.Select(name => _insert.Parameters.AddWithValue(name, DBNull.Value))];
    }

    public void Insert(SqliteTransaction transaction, long sequence, AggregateRecord record)
    {
        _insert.Transaction = transaction;
        var counts = record.Counts;
        var offset = record.StartLocal.Offset;
        object[] values =
        [
            sequence, (int)record.Period, record.StartUtc.UtcTicks, (int)offset.TotalMinutes, record.Length.Ticks,
            record.Outlet, record.Channel,
            SqliteValues.FromDouble(record.Min), SqliteValues.FromDouble(record.Avg), SqliteValues.FromDouble(record.Max),
            SqliteValues.FromDouble(record.ZsMin), SqliteValues.FromDouble(record.ZsAvg), SqliteValues.FromDouble(record.ZsMax),
            SqliteValues.FromDouble(record.Cou),
            record.IsValid ? 1 : 0, (int)record.Flag, record.ExpectedCount, record.ValidCount,
            counts.N, counts.F, counts.M, counts.S, counts.D, counts.C, counts.T, counts.B,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i];
        }

        _insert.ExecuteNonQuery();
    }

    /// <summary>Maps a row of <see cref="SqliteOutboxSchema.AggregateColumns"/>.</summary>
    public static OutboxAggregate Map(SqliteDataReader row)
    {
        var startUtcTicks = row.GetInt64(2);
        var offset = TimeSpan.FromMinutes(row.GetInt32(3));
        var record = new AggregateRecord
        {
            Period = (AggregatePeriod)row.GetInt32(1),
            StartUtc = new DateTimeOffset(startUtcTicks, TimeSpan.Zero),
            StartLocal = new DateTimeOffset(startUtcTicks + offset.Ticks, offset),
            Length = TimeSpan.FromTicks(row.GetInt64(4)),
            Outlet = row.GetString(5),
            Channel = row.GetInt32(6),
            Min = SqliteValues.ToDouble(row, 7),
            Avg = SqliteValues.ToDouble(row, 8),
            Max = SqliteValues.ToDouble(row, 9),
            ZsMin = SqliteValues.ToDouble(row, 10),
            ZsAvg = SqliteValues.ToDouble(row, 11),
            ZsMax = SqliteValues.ToDouble(row, 12),
            Cou = SqliteValues.ToDouble(row, 13),
            IsValid = row.GetInt32(14) != 0,
            Flag = (DataFlag)row.GetInt32(15),
            ExpectedCount = row.GetInt32(16),
            ValidCount = row.GetInt32(17),
            Counts = new FlagCounts(row.GetInt32(18), row.GetInt32(19), row.GetInt32(20), row.GetInt32(21), row.GetInt32(22), row.GetInt32(23), row.GetInt32(24), row.GetInt32(25)),
        };
        return new OutboxAggregate(row.GetInt64(0), record);
    }

    public void Dispose() => _insert.Dispose();
}
