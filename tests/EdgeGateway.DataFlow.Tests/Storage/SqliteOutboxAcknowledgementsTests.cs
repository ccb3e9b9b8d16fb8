using EdgeGateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// The acknowledgement snapshot every append takes: reused while nothing was acknowledged since the last (issue 18:
/// copying the ranges on every append was a large part of its cost), replaced as soon as an acknowledgement or an
/// eviction changes them, so the writer never stores a stale one.
/// </summary>
public sealed class SqliteOutboxAcknowledgementsTests : IDisposable
{
    private const string Platform = "hj212-platform";

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteOutboxAcknowledgements _acknowledgements;

    public SqliteOutboxAcknowledgementsTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = SqliteOutboxSchema.Create;
        create.ExecuteNonQuery();
        _acknowledgements = SqliteOutboxAcknowledgements.Load(_connection, [OutboxDestinations.Mqtt, Platform], lastSequence: 0);
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void A_snapshot_is_reused_while_nothing_is_acknowledged()
    {
        _acknowledgements.Add(OutboxDestinations.Mqtt, 1, 10);
        var first = _acknowledgements.Snapshot();

        Assert.Same(first, _acknowledgements.Snapshot());

        // Acknowledging what is acknowledged already changes nothing either.
        _acknowledgements.Add(OutboxDestinations.Mqtt, 3, 7);
        Assert.Same(first, _acknowledgements.Snapshot());
    }

    [Fact]
    public void A_reused_snapshot_is_replaced_when_an_acknowledgement_changes_the_ranges()
    {
        _acknowledgements.Add(OutboxDestinations.Mqtt, 1, 10);
        var before = _acknowledgements.Snapshot();
        Assert.Same(before, _acknowledgements.Snapshot());

        _acknowledgements.Add(OutboxDestinations.Mqtt, 20, 30);
        var after = _acknowledgements.Snapshot();

        Assert.NotSame(before, after);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal([new SequenceRange(1, 10), new SequenceRange(20, 30)], after.ByDestination[OutboxDestinations.Mqtt]);
        Assert.Empty(after.ByDestination[Platform]);

        // The snapshot taken before is what it was: a transaction already holding it stores that state.
        Assert.Equal([new SequenceRange(1, 10)], before.ByDestination[OutboxDestinations.Mqtt]);
    }

    [Fact]
    public void A_reused_snapshot_is_replaced_when_an_eviction_settles_ranges_everywhere()
    {
        var before = _acknowledgements.Snapshot();

        _acknowledgements.SettleEverywhere([new SequenceRange(1, 5)]);
        var after = _acknowledgements.Snapshot();

        Assert.NotSame(before, after);
        Assert.Equal([new SequenceRange(1, 5)], after.ByDestination[OutboxDestinations.Mqtt]);
        Assert.Equal([new SequenceRange(1, 5)], after.ByDestination[Platform]);
    }

    [Fact]
    public void A_stored_snapshot_counts_as_stored_until_an_acknowledgement_changes_the_ranges()
    {
        var stored = _acknowledgements.Snapshot();
        _acknowledgements.MarkStored(stored.Version);
        Assert.True(_acknowledgements.IsStored(_acknowledgements.Snapshot()));

        _acknowledgements.Add(Platform, 1, 1);

        Assert.False(_acknowledgements.IsStored(_acknowledgements.Snapshot()));
    }
}
