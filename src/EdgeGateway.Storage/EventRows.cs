using EdgeGateway.Primitives.Events;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>Writes and reads the <c>events</c> table; the kind is stored by its wire name.</summary>
internal sealed class EventRows : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _sequence;
    private readonly SqliteParameter _ticks;
    private readonly SqliteParameter _kind;
    private readonly SqliteParameter _source;
    private readonly SqliteParameter _text;
    private readonly SqliteParameter _detail;

    public EventRows(SqliteConnection writer)
    {
        _insert = writer.CreateCommand();
        _insert.CommandText = "INSERT INTO events(seq, ticks, kind, source, text, detail) VALUES ($seq, $ticks, $kind, $source, $text, $detail)";
        _sequence = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _ticks = _insert.Parameters.Add("$ticks", SqliteType.Integer);
        _kind = _insert.Parameters.Add("$kind", SqliteType.Text);
        _source = _insert.Parameters.Add("$source", SqliteType.Text);
        _text = _insert.Parameters.Add("$text", SqliteType.Text);
        _detail = _insert.Parameters.Add("$detail", SqliteType.Text);
    }

    public void Insert(SqliteTransaction transaction, long sequence, GatewayEvent gatewayEvent)
    {
        _insert.Transaction = transaction;
        _sequence.Value = sequence;
        _ticks.Value = gatewayEvent.Time.UtcTicks;
        _kind.Value = gatewayEvent.Kind.ToWireName();
        _source.Value = gatewayEvent.Source;
        _text.Value = gatewayEvent.Text;
        _detail.Value = (object?)gatewayEvent.DetailJson ?? DBNull.Value;
        _insert.ExecuteNonQuery();
    }

    /// <summary>Maps a row of <see cref="SqliteOutboxSchema.EventColumns"/>.</summary>
    /// <exception cref="InvalidDataException">The kind is not one this version knows (a newer gateway wrote it).</exception>
    public static OutboxEvent Map(SqliteDataReader row)
    {
        var kindName = row.GetString(2);
        if (!GatewayEventKindNames.TryParseWireName(kindName, out var kind))
        {
            throw new InvalidDataException($"outbox event {row.GetInt64(0)} has the unknown kind '{kindName}'");
        }

        return new OutboxEvent(
            row.GetInt64(0),
            new GatewayEvent(new DateTimeOffset(row.GetInt64(1), TimeSpan.Zero), kind, row.GetString(3), row.GetString(4), row.IsDBNull(5) ? null : row.GetString(5)));
    }

    public void Dispose() => _insert.Dispose();
}
