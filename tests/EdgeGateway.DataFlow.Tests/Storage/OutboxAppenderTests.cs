using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using Microsoft.Extensions.Time.Testing;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>The outbox as a consumer stage: one transaction per batch, housekeeping on ticks.</summary>
public sealed class OutboxAppenderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteOutbox Open(OutboxRetention? retention = null) =>
        SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), Retention = retention ?? new OutboxRetention() });

    [Fact]
    public void Each_batch_goes_in_one_transaction_with_the_aggregates_and_events_queued_before_it()
    {
        using var outbox = Open();
        var time = new FakeTimeProvider(T0);
        var appender = new OutboxAppender(outbox, new OutboxAppenderOptions { Time = time });
        IClosedRecordHandler aggregationReceiver = appender; // what AggregationStage is given

        aggregationReceiver.OnClosed([Aggregate(AggregatePeriod.Minute, T0), Aggregate(AggregatePeriod.Minute, T0, channel: 4)]);
        appender.EnqueueEvent(Event(T0));
        appender.Handle(Readings(512, T0));
        appender.Handle(Readings(512, T0, firstIndex: 512));

        Assert.Equal(2, outbox.Statistics.Transactions);
        Assert.Equal(2, appender.Statistics.Transactions);
        Assert.Equal(1_024, appender.Statistics.ReadingsStored);
        var entries = ReadAll(outbox);
        Assert.Equal(Range(1, 1_027), Sequences(entries));
        Assert.All(entries.Take(512), entry => Assert.IsType<OutboxReading>(entry));
        Assert.All(entries.Skip(512).Take(2), entry => Assert.IsType<OutboxAggregate>(entry));
        Assert.IsType<OutboxEvent>(entries[514]);

        appender.EnqueueEvent(Event(T0, "door closed"));
        appender.Tick(T0.AddMilliseconds(500)); // a bus outage: no readings, the event still goes
        Assert.Equal(3, outbox.Statistics.Transactions);
        Assert.Equal("door closed", Assert.IsType<OutboxEvent>(outbox.Read(1_027, 1).Single()).Event.Text);
    }

    [Fact]
    public void Ticks_make_the_outbox_durable_each_second_and_run_retention_at_its_interval()
    {
        using var outbox = Open(new OutboxRetention { RealTime = TimeSpan.FromMinutes(5) });
        var time = new FakeTimeProvider(T0);
        var appender = new OutboxAppender(outbox, new OutboxAppenderOptions { Time = time, MaintenanceInterval = TimeSpan.FromSeconds(10) });

        appender.Handle(Readings(100, T0));
        Assert.Equal(0, outbox.DurableSequence);
        appender.Tick(T0.AddSeconds(1));
        Assert.Equal(100, outbox.DurableSequence);

        outbox.Acknowledge(OutboxDestinations.Mqtt, 1, 100);
        appender.Tick(T0.AddMinutes(6));
        Assert.Empty(outbox.Read(0, 10));
        Assert.Equal(100, outbox.Statistics.RetentionDeleted);
    }
}
