using System.Text.Json;
using EdgeGateway.Pipeline;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.Time.Testing;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>
/// A full disk through the storage seam: SQLite's page limit (<c>PRAGMA max_page_count</c>) fails writes with
/// SQLITE_FULL, the error a full disk gives, and is lifted again to give the space back.
/// </summary>
public sealed class SqliteOutboxDiskFullTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteOutbox OpenNearlyFull(TimeProvider? time = null)
    {
        var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), Time = time });
        outbox.SetPageLimitForTesting(outbox.MeasureUsedBytes() / 4096 + 6); // room for a few batches
        return outbox;
    }

    [Fact]
    public void A_full_disk_fails_the_whole_append_uses_no_number_and_appends_resume_when_space_returns()
    {
        using var outbox = OpenNearlyFull();
        OutboxStorageException? failure = null;
        var index = 0;
        for (; failure is null && index < 100_000; index += 300)
        {
            var before = outbox.LastSequence;
            try
            {
                outbox.Append(Readings(300, T0, firstIndex: index), [], [Event(T0)]);
            }
            catch (OutboxStorageException exception)
            {
                failure = exception;
                Assert.Equal(before, outbox.LastSequence);
            }
        }

        Assert.NotNull(failure);
        Assert.Equal(OutboxFailureKind.DiskFull, failure.Failure);
        Assert.Equal(1, outbox.Statistics.FailedAppends);
        var last = outbox.LastSequence;
        Assert.Equal(Range(1, last), Sequences(ReadAll(outbox)));

        outbox.SetPageLimitForTesting(1_000_000);

        Assert.Equal(new OutboxAppendResult(last + 1, last + 301), outbox.Append(Readings(300, T0, firstIndex: index), [], [Event(T0)]));
        Assert.Equal(Range(1, last + 301), Sequences(ReadAll(outbox)));
    }

    [Fact]
    public void The_appender_holds_readings_counts_what_it_drops_and_announces_both_when_space_returns()
    {
        var time = new FakeTimeProvider(T0);
        using var outbox = OpenNearlyFull(time);
        var appender = new OutboxAppender(outbox, new OutboxAppenderOptions { HeldReadingCapacity = 2_000, ResumeChunk = 700, RetryInterval = TimeSpan.FromSeconds(5), Time = time });
        var fed = new List<Reading>();
        void Feed(int batches)
        {
            for (var i = 0; i < batches; i++)
            {
                var batch = Readings(100, T0, firstIndex: fed.Count);
                fed.AddRange(batch);
                appender.Handle(batch);
                time.Advance(TimeSpan.FromSeconds(1));
                appender.Tick(time.GetUtcNow());
            }
        }

        while (!appender.Statistics.StorageFailing && fed.Count < 100_000)
        {
            Feed(1);
        }

        Assert.True(appender.Statistics.StorageFailing);
        Assert.Equal(OutboxFailureKind.DiskFull, appender.Statistics.LastFailure);
        var stored = (int)appender.Statistics.ReadingsStored;
        appender.EnqueueEvent(Event(time.GetUtcNow(), "door opened during the outage"));
        Feed(30); // 3 000 more: the queue holds 2 000, the oldest go

        var whileFull = appender.Statistics;
        Assert.Equal(2_000, whileFull.ReadingsHeld);
        Assert.Equal(fed.Count - stored - 2_000, whileFull.ReadingsLost);
        Assert.True(whileFull.FailedAppends >= 6, $"{whileFull.FailedAppends} failed appends: one per retry interval");
        var lastBeforeResume = outbox.LastSequence;

        outbox.SetPageLimitForTesting(1_000_000);
        time.Advance(TimeSpan.FromSeconds(5));
        appender.Tick(time.GetUtcNow());

        var after = appender.Statistics;
        Assert.False(after.StorageFailing);
        Assert.Equal(0, after.ReadingsHeld);
        Assert.Equal(fed.Count - whileFull.ReadingsLost, after.ReadingsStored);
        var entries = ReadAll(outbox);
        Assert.Equal(Range(1, outbox.LastSequence), Sequences(entries)); // gap-free: the lost readings never got numbers
        var readings = entries.OfType<OutboxReading>().Select(entry => entry.Reading).ToList();
        Assert.Equal(fed.Take(stored).Concat(fed.Skip(stored + (int)whileFull.ReadingsLost)), readings); // the oldest held ones went

        var resumed = entries.Where(entry => entry.Sequence > lastBeforeResume).OfType<OutboxEvent>().Select(entry => entry.Event).ToList();
        Assert.Contains(resumed, e => e.Text == "door opened during the outage");
        var failure = Assert.Single(resumed, e => e.Kind == GatewayEventKind.StorageFailure);
        using (var detail = JsonDocument.Parse(failure.DetailJson!))
        {
            Assert.Equal("DiskFull", detail.RootElement.GetProperty("failure").GetString());
            Assert.Equal(2_000, detail.RootElement.GetProperty("readingsHeld").GetInt64());
        }

        var overflow = Assert.Single(resumed, e => e.Kind == GatewayEventKind.BufferOverflow);
        using (var detail = JsonDocument.Parse(overflow.DetailJson!))
        {
            Assert.Equal(whileFull.ReadingsLost, detail.RootElement.GetProperty("readings").GetInt64());
            Assert.Equal(fed[stored].Timestamp, detail.RootElement.GetProperty("firstTimestamp").GetDateTimeOffset());
        }
    }
}
