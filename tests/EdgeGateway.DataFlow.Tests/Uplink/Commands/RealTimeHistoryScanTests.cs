using EdgeGateway.DataFlow.Tests.Storage;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>Finding readings by time without a time index: binary search over sequences, then a bounded scan.</summary>
public sealed class RealTimeHistoryScanTests : IDisposable
{
    private static readonly DateTimeOffset T0 = StorageTestData.T0;
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void The_scan_finds_exactly_the_readings_of_random_ranges_in_both_outboxes()
    {
        using var memory = new InMemoryOutbox();
        using var sqlite = SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), CheckIntegrityAtOpen = false });
        foreach (var outbox in new IOutbox[] { memory, sqlite })
        {
            Fill(outbox);
        }

        var all = ReadAll(memory).OfType<OutboxReading>().ToArray();
        var random = new Random(7);
        for (var trial = 0; trial < 40; trial++)
        {
            var from = T0.AddSeconds(random.Next(-100, 2200));
            var to = from.AddSeconds(random.Next(1, 400));
            var expected = all.Where(reading => reading.Timestamp >= from && reading.Timestamp < to).Select(reading => reading.Sequence).ToArray();

            foreach (var outbox in new IOutbox[] { memory, sqlite })
            {
                var found = RealTimeHistoryScan.Read(outbox, from, to, maxCount: 100_000, maxScanned: 1_000_000);
                Assert.Equal(expected, found.Readings.Select(reading => reading.Sequence));
                Assert.Null(found.StoppedAt);
            }
        }
    }

    [Fact]
    public void The_scan_stops_at_its_limits()
    {
        using var outbox = new InMemoryOutbox();
        Fill(outbox);

        var byCount = RealTimeHistoryScan.Read(outbox, T0, T0.AddHours(1), maxCount: 10, maxScanned: 1_000_000);
        var byScan = RealTimeHistoryScan.Read(outbox, T0, T0.AddHours(1), maxCount: 100_000, maxScanned: 50);

        Assert.Equal(10, byCount.Readings.Count);
        Assert.NotNull(byScan.StoppedAt);
        Assert.True(byScan.Readings.Count < 50);
    }

    [Fact]
    public void An_empty_outbox_has_nothing()
    {
        using var outbox = new InMemoryOutbox();

        var found = RealTimeHistoryScan.Read(outbox, T0, T0.AddHours(1), 10, 10);

        Assert.Empty(found.Readings);
    }

    public void Dispose() => _directory.Dispose();

    // 2000 s of readings of 3 channels (one poll a second), with a minute's aggregate records (written at the minute's
    // end, so their window start is a minute behind) and an event now and then, as the consumer writes them.
    private static void Fill(IOutbox outbox)
    {
        for (var second = 0; second < 2000; second++)
        {
            var time = T0.AddSeconds(second);
            var readings = Enumerable.Range(0, 3).Select(channel => new Reading(channel, time.UtcTicks, 1, 1, DataFlag.N, FlagReason.None)).ToArray();
            var aggregates = second % 60 == 59
                ? Enumerable.Range(0, 3).Select(channel => StorageTestData.Aggregate(AggregatePeriod.Minute, time.AddSeconds(-59), channel)).ToList()
                : [];
            List<GatewayEvent> events = second % 97 == 0 ? [new GatewayEvent(time, GatewayEventKind.Door, "door", "opened", null)] : [];
            outbox.Append(readings, aggregates, events);
        }
    }

    private static List<OutboxEntry> ReadAll(IOutbox outbox)
    {
        var all = new List<OutboxEntry>();
        while (outbox.Read(all.Count == 0 ? 0 : all[^1].Sequence, 1000) is { Count: > 0 } next)
        {
            all.AddRange(next);
        }

        return all;
    }
}
