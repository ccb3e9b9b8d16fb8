using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// Writes the <c>destinations</c> and <c>acknowledged</c> tables: the four statements prepared once on the writer's
/// connection and kept for its life.
/// </summary>
/// <remarks>
/// Acknowledgements ride along with nearly every append at field load (PUBACKs arrive every second), so preparing the
/// four statements per store cost four compilations per second on the ring consumer (issue 18). A command keeps its
/// prepared statement across executions; only its transaction is set each time, as <see cref="SqliteOutboxWriter.SetMeta"/> does.
/// </remarks>
internal sealed class AcknowledgementRows : IDisposable
{
    private readonly SqliteCommand _deleteAcknowledged;
    private readonly SqliteCommand _deleteDestinations;
    private readonly SqliteCommand _insertDestination;
    private readonly SqliteParameter _name;
    private readonly SqliteCommand _insertAcknowledged;
    private readonly SqliteParameter _destination;
    private readonly SqliteParameter _first;
    private readonly SqliteParameter _last;

    public AcknowledgementRows(SqliteConnection writer)
    {
        _deleteAcknowledged = Create(writer, SqliteOutboxSchema.DeleteAcknowledged);
        _deleteDestinations = Create(writer, SqliteOutboxSchema.DeleteDestinations);
        _insertDestination = Create(writer, SqliteOutboxSchema.InsertDestination);
        _name = _insertDestination.Parameters.Add("$name", SqliteType.Text);
        _insertAcknowledged = Create(writer, SqliteOutboxSchema.InsertAcknowledged);
        _destination = _insertAcknowledged.Parameters.Add("$destination", SqliteType.Text);
        _first = _insertAcknowledged.Parameters.Add("$first", SqliteType.Integer);
        _last = _insertAcknowledged.Parameters.Add("$last", SqliteType.Integer);
    }

    /// <summary>Replaces the stored destinations and ranges with <paramref name="byDestination"/> in the writer's transaction.</summary>
    public void Store(SqliteTransaction transaction, IReadOnlyDictionary<string, IReadOnlyList<SequenceRange>> byDestination)
    {
        _deleteAcknowledged.Transaction = transaction;
        _deleteAcknowledged.ExecuteNonQuery();
        _deleteDestinations.Transaction = transaction;
        _deleteDestinations.ExecuteNonQuery();
        _insertDestination.Transaction = transaction;
        _insertAcknowledged.Transaction = transaction;
        foreach (var (destinationName, ranges) in byDestination)
        {
            _name.Value = destinationName;
            _insertDestination.ExecuteNonQuery();
            _destination.Value = destinationName;
            foreach (var range in ranges)
            {
                _first.Value = range.First;
                _last.Value = range.Last;
                _insertAcknowledged.ExecuteNonQuery();
            }
        }
    }

    public void Dispose()
    {
        _deleteAcknowledged.Dispose();
        _deleteDestinations.Dispose();
        _insertDestination.Dispose();
        _insertAcknowledged.Dispose();
    }

    private static SqliteCommand Create(SqliteConnection writer, string sql)
    {
        var command = writer.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
