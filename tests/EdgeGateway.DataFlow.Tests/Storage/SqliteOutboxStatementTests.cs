using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// What SQLite compiles and runs for an append and a read (issue 18): the statements of the hot paths are prepared
/// once per connection, and an append runs nothing it need not.
/// </summary>
public sealed class SqliteOutboxStatementTests : IDisposable
{
    private const int Batch = 200;

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_append_that_stores_acknowledgements_compiles_only_its_begin_and_commit()
    {
        using var outbox = Open();
        using var counter = new SqliteStatementCounter(outbox.WriterConnectionForTesting);
        outbox.Append(Readings(Batch, T0), [], []); // every kept statement compiles again once (an authorizer expires them)
        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, Batch);
        outbox.Append(Readings(Batch, T0.AddSeconds(1)), [], []);
        outbox.Acknowledge(OutboxDestinations.Mqtt, Batch + 1, 2 * Batch); // rides along with the next append

        counter.Clear();
        outbox.Append(Readings(Batch, T0.AddSeconds(2)), [], []);

        // Before: the four acknowledgement statements were compiled per append too, and a page count after the commit.
        Assert.Equal(["TRANSACTION", "TRANSACTION"], counter.Compiled);
        Assert.Equal(
            [
                ("BEGIN", 1), ("INSERT INTO readings", Batch), ("DELETE FROM acknowledged", 1), ("DELETE FROM destinations", 1),
                ("INSERT INTO destinations", 1), ("INSERT INTO acknowledged", 1), ("INSERT OR REPLACE INTO meta", 1),
                ("COMMIT", 1),
            ],
            Grouped(counter.Run));
        Assert.True(outbox.IsAcknowledged(OutboxDestinations.Mqtt, 2 * Batch));
    }

    [Fact]
    public void An_append_far_below_the_cap_runs_only_its_transaction_and_does_not_measure_the_size()
    {
        using var outbox = Open();
        using var counter = new SqliteStatementCounter(outbox.WriterConnectionForTesting);
        outbox.Append(Readings(Batch, T0), [], []); // every kept statement compiles again once (an authorizer expires them)

        counter.Clear();
        outbox.Append(Readings(Batch, T0.AddSeconds(1)), [], []);

        // Before: PRAGMA page_count was compiled and run (in a read transaction of its own) after every append.
        Assert.Equal(["TRANSACTION", "TRANSACTION"], counter.Compiled);
        Assert.Equal(
            [("BEGIN", 1), ("INSERT INTO readings", Batch), ("INSERT OR REPLACE INTO meta", 1), ("COMMIT", 1)],
            Grouped(counter.Run));
    }

    [Fact]
    public void A_read_back_compiles_nothing_and_runs_one_query_per_kind()
    {
        using var outbox = Open();
        outbox.Append(Readings(Batch, T0), [Aggregate(AggregatePeriod.Minute, T0)], [Event(T0)]);
        using var counter = new SqliteStatementCounter(outbox.ReaderConnectionForTesting);
        outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 0, 10); // every kept statement compiles again once (an authorizer expires them)

        counter.Clear();
        var entries = outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 0, Batch + 2);

        Assert.Equal(Range(1, Batch + 2), Sequences(entries));
        Assert.Empty(counter.Compiled);
        Assert.Equal([("SELECT seq, ticks, channel", 1), ("SELECT seq, period", 1), ("SELECT seq, ticks, kind", 1)], Grouped(counter.Run));
    }

    [Fact]
    public void Near_the_cap_every_append_measures_the_size()
    {
        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("capped.db"), MaxBytes = 64 * 1024 });
        using var counter = new SqliteStatementCounter(outbox.WriterConnectionForTesting);
        for (var second = 0; second < 30 && outbox.Statistics.EvictedUnacknowledged == 0; second++)
        {
            counter.Clear();
            outbox.Append(Readings(Batch, T0.AddSeconds(second)), [], []);

            // 64 KiB are 16 pages: what one append writes could always take the file over, so each one measures.
            Assert.Contains("PRAGMA page_count", counter.Run);
        }

        Assert.NotEqual(0, outbox.Statistics.EvictedUnacknowledged);
    }

    /// <summary>Consecutive runs of a statement as (its leading words, how many times); the trace shows bound values, so only the head is compared.</summary>
    private static List<(string Statement, int Count)> Grouped(IReadOnlyList<string> run)
    {
        string[] heads =
        [
            "BEGIN", "COMMIT", "INSERT INTO readings", "DELETE FROM acknowledged", "DELETE FROM destinations",
            "INSERT INTO destinations", "INSERT INTO acknowledged", "INSERT OR REPLACE INTO meta", "PRAGMA page_count",
            "SELECT seq, ticks, channel", "SELECT seq, period", "SELECT seq, ticks, kind",
        ];
        var grouped = new List<(string Statement, int Count)>();
        foreach (var statement in run)
        {
            var head = heads.FirstOrDefault(statement.StartsWith) ?? statement;
            if (grouped.Count > 0 && grouped[^1].Statement == head)
            {
                grouped[^1] = (head, grouped[^1].Count + 1);
            }
            else
            {
                grouped.Add((head, 1));
            }
        }

        return grouped;
    }

    private SqliteOutbox Open() => SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db") });
}
