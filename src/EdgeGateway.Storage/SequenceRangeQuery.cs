using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// A prepared "rows with sequence in (after, upTo], oldest first, at most limit" query on the reading connection. The
/// limit is where it stops reading, not a parameter (see <see cref="SqliteOutboxSchema.SelectReadings"/>).
/// </summary>
internal sealed class SequenceRangeQuery<TEntry> : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _after;
    private readonly SqliteParameter _upTo;
    private readonly Func<SqliteDataReader, TEntry> _map;

    public SequenceRangeQuery(SqliteConnection reader, string sql, Func<SqliteDataReader, TEntry> map)
    {
        _command = reader.CreateCommand();
        _command.CommandText = sql;
        _after = _command.Parameters.Add("$after", SqliteType.Integer);
        _upTo = _command.Parameters.Add("$upTo", SqliteType.Integer);
        _map = map;
    }

    public List<TEntry> Run(long after, long upTo, int limit)
    {
        _after.Value = after;
        _upTo.Value = upTo;
        var entries = new List<TEntry>();
        using var row = _command.ExecuteReader();
        while (entries.Count < limit && row.Read())
        {
            entries.Add(_map(row));
        }

        return entries;
    }

    public void Dispose() => _command.Dispose();
}
