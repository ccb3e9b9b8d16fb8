using System.Text.Json;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Data.Sqlite;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>The size cap: oldest first, acknowledged before unacknowledged, and never silently.</summary>
public sealed class SqliteOutboxCapTests : IDisposable
{
    private const long Cap = 256 * 1024;

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteOutbox Open() => SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), MaxBytes = Cap });

    [Fact]
    public void Over_the_cap_acknowledged_records_go_first_and_the_eviction_is_announced()
    {
        using var outbox = Open();
        var index = 0;
        for (; index < 3_000; index += 500)
        {
            outbox.Append(Readings(500, T0, firstIndex: index), [], []);
        }

        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 3_000); // delivered: history only
        var evictions = AppendUntilEvicted(outbox, ref index);

        var eviction = Assert.Single(evictions);
        Assert.Equal(0, eviction.UnacknowledgedRecords);
        Assert.Empty(eviction.LostRanges);
        Assert.Equal(1, eviction.FirstSequence);
        Assert.Equal(eviction.Records, eviction.AcknowledgedRecords);
        Assert.InRange(eviction.LastSequence, 2, 3_000);
        var remaining = Sequences(ReadAll(outbox));
        Assert.Equal(eviction.LastSequence + 1, remaining[0]);
        Assert.Equal(Range(eviction.LastSequence + 1, outbox.LastSequence), remaining); // nothing unacknowledged went
        Assert.Equal(3_000, outbox.AcknowledgedPrefix);
        Assert.Equal(eviction.Records, outbox.Statistics.EvictedAcknowledged);
        Assert.Equal(0, outbox.Statistics.EvictedUnacknowledged);
        Assert.InRange(outbox.MeasureUsedBytes(), 0, Cap);
    }

    [Fact]
    public void With_nothing_acknowledged_the_oldest_records_go_and_are_named_as_lost()
    {
        using var outbox = Open();
        var index = 0;
        var eviction = Assert.Single(AppendUntilEvicted(outbox, ref index));

        Assert.Equal(eviction.Records, eviction.UnacknowledgedRecords);
        var lost = Assert.Single(eviction.LostRanges);
        Assert.Equal(new SequenceRange(1, eviction.LastSequence), lost);
        Assert.Equal(lost.Last, outbox.AcknowledgedPrefix); // settled: the prefix passes the hole
        Assert.Equal(lost.Last + 1, ReadAll(outbox)[0].Sequence);
        Assert.Equal(outbox.LastSequence - lost.Count, outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
        Assert.Equal(lost.Count, outbox.Statistics.EvictedUnacknowledged);
        var announcement = Assert.IsType<OutboxEvent>(outbox.Read(outbox.LastSequence - 1, 1).Single());
        Assert.Equal(GatewayEventKind.DataEvicted, announcement.Event.Kind);
        Assert.Contains("never delivered", announcement.Event.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_outage_keeps_the_file_near_the_cap_and_every_missing_number_is_announced()
    {
        using var outbox = Open();
        var announced = new List<DataEvictedDetail>();
        for (var index = 0; index < 30_000; index += 250)
        {
            var before = outbox.LastSequence;
            outbox.Append(Readings(250, T0, firstIndex: index), [], []);
            announced.AddRange(EvictionsAfter(outbox, before));
            if (index == 10_000)
            {
                outbox.Acknowledge(OutboxDestinations.Mqtt, outbox.LastSequence - 2_000, outbox.LastSequence); // a burst of live data delivered
            }
        }

        Assert.True(announced.Count >= 3, $"{announced.Count} evictions");
        var present = Sequences(ReadAll(outbox)).ToHashSet();
        for (long sequence = 1; sequence <= outbox.LastSequence; sequence++)
        {
            if (!present.Contains(sequence))
            {
                Assert.Contains(announced, detail => detail.FirstSequence <= sequence && sequence <= detail.LastSequence);
            }
        }

        Assert.InRange(new FileInfo(_directory.File("outbox.db")).Length, 0, Cap + 64 * 1024);
        Assert.Equal(announced.Sum(detail => detail.Records), outbox.Statistics.EvictedAcknowledged + outbox.Statistics.EvictedUnacknowledged);
    }

    [Fact]
    public void No_append_leaves_the_outbox_over_the_cap_whatever_its_size()
    {
        // The size is looked at from another connection: the outbox's own measurement would reset what it knows.
        using var outbox = Open();
        using var observer = new SqliteConnection($"Data Source={_directory.File("outbox.db")};Mode=ReadOnly;Pooling=False");
        observer.Open();
        int[] sizes = [1, 13, 250, 777, 2, 64];
        var index = 0;
        for (var append = 0; append < 400; append++)
        {
            var count = sizes[append % sizes.Length];
            outbox.Append(Readings(count, T0, firstIndex: index), [], []);
            index += count;
            if (append % 50 == 49)
            {
                outbox.Acknowledge(OutboxDestinations.Mqtt, outbox.AcknowledgedPrefix + 1, outbox.LastSequence - 100);
            }

            Assert.InRange(UsedBytes(observer), 0, Cap);
        }

        Assert.NotEqual(0, outbox.Statistics.EvictedAcknowledged + outbox.Statistics.EvictedUnacknowledged);
    }

    private static long UsedBytes(SqliteConnection connection)
    {
        long Pragma(string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return (long)command.ExecuteScalar()!;
        }

        var pages = Pragma("page_count");
        return (pages <= Cap / Pragma("page_size") ? pages : pages - Pragma("freelist_count")) * Pragma("page_size");
    }

    private static List<DataEvictedDetail> AppendUntilEvicted(SqliteOutbox outbox, ref int index)
    {
        for (; index < 100_000; index += 500)
        {
            var before = outbox.LastSequence;
            outbox.Append(Readings(500, T0, firstIndex: index), [], []);
            var evictions = EvictionsAfter(outbox, before);
            if (evictions.Count > 0)
            {
                return evictions;
            }
        }

        throw new InvalidOperationException("the cap was never reached");
    }

    private static List<DataEvictedDetail> EvictionsAfter(IOutbox outbox, long sequence) =>
    [
        .. outbox.Read(sequence, 100_000).OfType<OutboxEvent>()
            .Where(entry => entry.Event.Kind == GatewayEventKind.DataEvicted)
            .Select(entry => Parse(entry.Event.DetailJson!)),
    ];

    private static DataEvictedDetail Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new DataEvictedDetail(
            root.GetProperty("firstSequence").GetInt64(),
            root.GetProperty("lastSequence").GetInt64(),
            root.GetProperty("records").GetInt64(),
            root.GetProperty("acknowledgedRecords").GetInt64(),
            root.GetProperty("unacknowledgedRecords").GetInt64(),
            [.. root.GetProperty("lostRanges").EnumerateArray().Select(range => new SequenceRange(range.GetProperty("first").GetInt64(), range.GetProperty("last").GetInt64()))],
            root.GetProperty("maxBytes").GetInt64());
    }
}
