using EdgeGateway.Storage;
using Microsoft.Data.Sqlite;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// The SQLite outbox's destinations across restarts: each keeps its own acknowledgements, a destination is added or
/// forgotten by the options, an outbox of schema version 1 carries its acknowledgements over to the MQTT destination,
/// and the size cap settles what it evicts for every destination.
/// </summary>
public sealed class SqliteOutboxDestinationTests : IDisposable
{
    private const string Platform = "hj212-platform";

    /// <summary>The tables of schema version 1 (the outbox before destinations), as that version created them.</summary>
    private const string Version1Tables = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
        CREATE TABLE readings(
            seq INTEGER PRIMARY KEY,
            ticks INTEGER NOT NULL,
            channel INTEGER NOT NULL,
            raw REAL,
            value REAL,
            flag INTEGER NOT NULL,
            reason INTEGER NOT NULL);
        CREATE TABLE aggregates(
            seq INTEGER PRIMARY KEY,
            period INTEGER NOT NULL,
            start_ticks INTEGER NOT NULL,
            local_offset_minutes INTEGER NOT NULL,
            length_ticks INTEGER NOT NULL,
            outlet TEXT NOT NULL,
            channel INTEGER NOT NULL,
            min REAL, avg REAL, max REAL,
            zs_min REAL, zs_avg REAL, zs_max REAL,
            cou REAL,
            is_valid INTEGER NOT NULL,
            flag INTEGER NOT NULL,
            expected_count INTEGER NOT NULL,
            valid_count INTEGER NOT NULL,
            count_n INTEGER NOT NULL, count_f INTEGER NOT NULL, count_m INTEGER NOT NULL, count_s INTEGER NOT NULL,
            count_d INTEGER NOT NULL, count_c INTEGER NOT NULL, count_t INTEGER NOT NULL, count_b INTEGER NOT NULL);
        -- (period) is (period, seq): every index entry ends with the rowid. Retention walks each period in sequence order.
        CREATE INDEX aggregates_by_period ON aggregates(period);
        -- History requests ask for a period's records by window start.
        CREATE INDEX aggregates_by_period_start ON aggregates(period, start_ticks);
        CREATE TABLE events(
            seq INTEGER PRIMARY KEY,
            ticks INTEGER NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            text TEXT NOT NULL,
            detail TEXT);
        -- Acknowledged (or evicted) sequence ranges, merged: a handful of rows.
        CREATE TABLE acknowledged(first INTEGER PRIMARY KEY, last INTEGER NOT NULL);
        """;


    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string DatabasePath => _directory.File("outbox.db");

    private SqliteOutbox Open(params string[] destinations) =>
        SqliteOutbox.Open(new SqliteOutboxOptions { Path = DatabasePath, Destinations = destinations });

    [Fact]
    public void Each_destination_keeps_its_acknowledgements_across_a_restart()
    {
        using (var outbox = Open(OutboxDestinations.Mqtt, Platform))
        {
            outbox.Append(Readings(100, T0), [], []);
            outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 100);
            outbox.Acknowledge(Platform, 1, 10);
            outbox.Append(Readings(1, T0), [], []); // stored with this transaction
            outbox.Acknowledge(Platform, 50, 60); // stored by the graceful close
        }

        using (var outbox = Open(OutboxDestinations.Mqtt, Platform))
        {
            Assert.Equal([new SequenceRange(1, 100)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
            Assert.Equal([new SequenceRange(1, 10), new SequenceRange(50, 60)], outbox.AcknowledgedRanges(Platform));
            Assert.Equal(10, outbox.AcknowledgedPrefix);
            Assert.Equal(1, outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
            Assert.Equal(101 - 21, outbox.GetBacklog(Platform).UnacknowledgedCount);
        }
    }

    [Fact]
    public void An_outbox_of_schema_version_1_carries_its_acknowledgements_over_to_the_mqtt_destination()
    {
        var storeId = CreateVersion1Outbox(lastSequence: 30, acknowledged: [new SequenceRange(1, 10), new SequenceRange(20, 25)]);

        using (var outbox = Open(OutboxDestinations.Mqtt))
        {
            Assert.Equal(storeId, outbox.StoreId);
            Assert.False(outbox.OpenReport.Created);
            Assert.Equal(30, outbox.LastSequence);
            Assert.Equal(Range(1, 30), Sequences(ReadAll(outbox)));
            Assert.Equal([new SequenceRange(1, 10), new SequenceRange(20, 25)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
            Assert.Equal(10, outbox.AcknowledgedPrefix);
            Assert.Equal(new OutboxBacklog(30 - 16, 11, T0), outbox.GetBacklog(OutboxDestinations.Mqtt));
            Assert.Equal(new OutboxAppendResult(31, 31), outbox.Append(Readings(1, T0), [], []));
            outbox.Acknowledge(OutboxDestinations.Mqtt, 11, 19);
        }

        Assert.Equal(2L, UserVersion());
        using (var outbox = Open(OutboxDestinations.Mqtt))
        {
            Assert.Equal([new SequenceRange(1, 25)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
        }
    }

    [Fact]
    public void A_destination_new_to_the_outbox_starts_at_its_last_sequence_and_one_no_longer_named_is_forgotten()
    {
        using (var outbox = Open(OutboxDestinations.Mqtt))
        {
            outbox.Append(Readings(40, T0), [], []);
            outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 30);
        }

        using (var outbox = Open(OutboxDestinations.Mqtt, Platform))
        {
            Assert.Equal([new SequenceRange(1, 40)], outbox.AcknowledgedRanges(Platform)); // owed only what comes next
            Assert.Equal([new SequenceRange(1, 30)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
            outbox.Append(Readings(5, T0), [], []);
            Assert.Equal(Range(41, 45), Sequences(outbox.ReadUnacknowledged(Platform, 0, 100)));
            Assert.Equal(30, outbox.AcknowledgedPrefix);
        }

        using (var outbox = Open(Platform))
        {
            Assert.Equal([Platform], outbox.Destinations);
            Assert.Equal([new SequenceRange(1, 40)], outbox.AcknowledgedRanges(Platform));
            Assert.Throws<ArgumentException>(() => outbox.GetBacklog(OutboxDestinations.Mqtt));
        }

        using (var outbox = Open(OutboxDestinations.Mqtt, Platform))
        {
            // Forgotten at the previous open: back again, the MQTT destination starts afresh at the end.
            Assert.Equal([new SequenceRange(1, 45)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
            Assert.Equal([new SequenceRange(1, 40)], outbox.AcknowledgedRanges(Platform));
        }
    }

    [Fact]
    public void The_size_cap_evicts_what_every_destination_acknowledged_first_and_settles_the_rest_for_both()
    {
        const long cap = 256 * 1024;
        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = DatabasePath, MaxBytes = cap, Destinations = [OutboxDestinations.Mqtt, Platform] });
        var index = 0;
        for (; index < 3_000; index += 500)
        {
            outbox.Append(Readings(500, T0, firstIndex: index), [], []);
        }

        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 3_000);
        outbox.Acknowledge(Platform, 1, 1_000); // 1,001-3,000 delivered to one platform only
        var before = outbox.Statistics;
        while (outbox.Statistics.EvictedUnacknowledged == 0 && index < 100_000)
        {
            outbox.Append(Readings(500, T0, firstIndex: index), [], []);
            index += 500;
        }

        var statistics = outbox.Statistics;
        Assert.Equal(0, before.EvictedAcknowledged);
        Assert.Equal(1_000, statistics.EvictedAcknowledged); // delivered everywhere: history only
        Assert.True(statistics.EvictedUnacknowledged > 0);
        var lowest = ReadAll(outbox)[0].Sequence;
        Assert.True(lowest > 1_001, $"lowest stored {lowest}");

        // The evicted numbers are settled for both: each prefix passes the hole.
        Assert.True(outbox.AcknowledgedPrefix >= lowest - 1, $"prefix {outbox.AcknowledgedPrefix}, lowest stored {lowest}");
        Assert.True(outbox.IsAcknowledged(Platform, 1_001));
        Assert.Equal(lowest, outbox.GetBacklog(Platform).OldestSequence);
    }

    /// <summary>Makes an outbox file the way schema version 1 did: its tables, meta rows, readings 1..lastSequence and acknowledged ranges.</summary>
    private Guid CreateVersion1Outbox(long lastSequence, IReadOnlyList<SequenceRange> acknowledged)
    {
        var storeId = Guid.NewGuid();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Version1Tables;
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO meta(key, value) VALUES ('last_sequence', $last), ('store_id', $id), ('created_utc', '2026-03-01T00:00:00.0000000+00:00')";
        command.Parameters.AddWithValue("$last", lastSequence);
        command.Parameters.AddWithValue("$id", storeId.ToString("D"));
        command.ExecuteNonQuery();
        command.Parameters.Clear();
        command.CommandText = "INSERT INTO readings(seq, ticks, channel, raw, value, flag, reason) VALUES ($seq, $ticks, 1, 10000, 73, 0, 0)";
        var sequence = command.Parameters.Add("$seq", SqliteType.Integer);
        command.Parameters.AddWithValue("$ticks", T0.UtcTicks);
        for (long seq = 1; seq <= lastSequence; seq++)
        {
            sequence.Value = seq;
            command.ExecuteNonQuery();
        }

        command.Parameters.Clear();
        command.CommandText = "INSERT INTO acknowledged(first, last) VALUES ($first, $last)";
        var first = command.Parameters.Add("$first", SqliteType.Integer);
        var last = command.Parameters.Add("$last", SqliteType.Integer);
        foreach (var range in acknowledged)
        {
            first.Value = range.First;
            last.Value = range.Last;
            command.ExecuteNonQuery();
        }

        command.Parameters.Clear();
        command.CommandText = "PRAGMA user_version = 1";
        command.ExecuteNonQuery();
        transaction.Commit();
        return storeId;
    }

    private long UserVersion()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }
}
