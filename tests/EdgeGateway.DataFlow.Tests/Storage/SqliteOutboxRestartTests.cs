using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>What a graceful restart keeps: the numbering, the acknowledgements, the store's identity.</summary>
public sealed class SqliteOutboxRestartTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteOutbox Open(OutboxSynchronous synchronous = OutboxSynchronous.Normal) =>
        SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), Synchronous = synchronous });

    [Fact]
    public void Numbering_continues_after_a_restart_without_a_gap()
    {
        Guid storeId;
        using (var outbox = Open())
        {
            Assert.True(outbox.OpenReport.Created);
            outbox.Append(Readings(500, T0), [Aggregate(AggregatePeriod.Minute, T0)], [Event(T0)]);
            storeId = outbox.StoreId;
        }

        using (var outbox = Open())
        {
            Assert.False(outbox.OpenReport.Created);
            Assert.Null(outbox.OpenReport.Quarantine);
            Assert.Equal(storeId, outbox.StoreId);
            Assert.Equal(502, outbox.LastSequence);
            Assert.Equal(new OutboxAppendResult(503, 512), outbox.Append(Readings(10, T0.AddSeconds(5)), [], []));
        }

        using (var outbox = Open())
        {
            Assert.Equal(Range(1, 512), Sequences(ReadAll(outbox)));
        }
    }

    [Fact]
    public void Numbering_continues_after_every_record_was_deleted()
    {
        using (var outbox = Open())
        {
            outbox.Append(Readings(50, T0), [], [Event(T0)]);
            outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 51);
            outbox.Maintain(T0.AddYears(20));
            Assert.Empty(outbox.Read(0, 10));
        }

        using (var outbox = Open())
        {
            Assert.Equal(51, outbox.LastSequence);
            Assert.Equal(51, outbox.AcknowledgedPrefix);
            Assert.Equal(new OutboxAppendResult(52, 52), outbox.Append([], [], [Event(T0)]));
        }
    }

    [Fact]
    public void Acknowledgements_survive_a_restart()
    {
        using (var outbox = Open())
        {
            outbox.Append(Readings(100, T0), [], []);
            outbox.Acknowledge(OutboxDestinations.Mqtt, 60, 100);
            outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 10);
            outbox.Append(Readings(1, T0), [], []); // stored with this transaction
            outbox.Acknowledge(OutboxDestinations.Mqtt, 20, 30); // stored by the graceful close
        }

        using (var outbox = Open())
        {
            Assert.Equal([new SequenceRange(1, 10), new SequenceRange(20, 30), new SequenceRange(60, 100)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
            Assert.Equal(10, outbox.AcknowledgedPrefix);
            Assert.Equal(9 + 29 + 1, outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
        }
    }

    [Fact]
    public void At_normal_the_durable_sequence_follows_each_flush_at_full_each_commit()
    {
        using (var normal = Open(OutboxSynchronous.Normal))
        {
            normal.Append(Readings(10, T0), [], []);
            Assert.Equal(10, normal.LastSequence);
            Assert.Equal(0, normal.DurableSequence);
            normal.MakeDurable();
            Assert.Equal(10, normal.DurableSequence);
        }

        using var full = Open(OutboxSynchronous.Full);
        Assert.Equal(10, full.DurableSequence); // what was found at open is flushed at open
        full.Append(Readings(10, T0), [], []);
        Assert.Equal(20, full.DurableSequence);
    }
}
