using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink;

public sealed class OutboxPublisherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly OutboxPublisherOptions FastOptions = UplinkTestData.FastPublisherOptions;

    [Fact]
    public async Task Every_sequence_is_published_and_acknowledged_exactly()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 300);
        outbox.Append([], [UplinkTestData.MinuteRecord(1)], [UplinkTestData.DoorEvent()]);
        var publisher = new FakeMessagePublisher();
        await using var outboxPublisher = NewPublisher(outbox, publisher, FastOptions);

        outboxPublisher.Start();
        UplinkTestData.AppendReadings(outbox, 120);
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 422, Timeout, cancellation);

        Assert.Equal([new SequenceRange(1, 422)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
        AssertCoversExactlyOnce(publisher.Published.Where(message => message.Acknowledged), 422);
        var statistics = outboxPublisher.Statistics;
        Assert.Equal(422, statistics.RecordsAcknowledged);
        Assert.Equal(0, statistics.MessagesFailed);
        Assert.Equal(0, statistics.Backlog);
    }

    [Fact]
    public async Task Live_data_go_out_before_the_backlog_drains()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 400);
        var publisher = new FakeMessagePublisher();
        var slowBacklog = FastOptions with { BatchSize = 20, BacklogMessagesPerSecond = 10 };
        await using var outboxPublisher = NewPublisher(outbox, publisher, slowBacklog);

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => publisher.Published.Count >= 2, Timeout, cancellation);
        UplinkTestData.AppendReadings(outbox, 5);
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 405, Timeout, cancellation);

        var published = publisher.Published.ToList();
        var live = published.FindIndex(message => message.FirstSequence > 400);
        var lastOfBacklog = published.FindIndex(message => message.LastSequence == 400);
        Assert.True(live < lastOfBacklog, $"live message #{live}, end of backlog #{lastOfBacklog}");
        Assert.True(outboxPublisher.Statistics.BacklogMessages >= 20);
    }

    [Fact]
    public async Task Nothing_beyond_the_durable_sequence_is_sent()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new DurabilityLimitedOutbox();
        UplinkTestData.AppendReadings(outbox, 100);
        outbox.SetDurableSequence(60);
        var publisher = new FakeMessagePublisher();
        await using var outboxPublisher = NewPublisher(outbox, publisher, FastOptions);

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 60, Timeout, cancellation);
        await Task.Delay(200, cancellation);

        Assert.All(publisher.Published, message => Assert.True(message.LastSequence <= 60));
        Assert.Equal(60, outbox.AcknowledgedPrefix);

        outbox.MakeDurable();
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 100, Timeout, cancellation);
        AssertCoversExactlyOnce(publisher.Published, 100);
    }

    [Fact]
    public async Task Failed_publishes_are_retried_until_acknowledged()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 200);
        var publisher = new FakeMessagePublisher { FailWhen = attempt => attempt % 3 == 0 };
        await using var outboxPublisher = NewPublisher(outbox, publisher, FastOptions with { BatchSize = 20 });

        outboxPublisher.Start();
        UplinkTestData.AppendReadings(outbox, 100);
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 300, Timeout, cancellation);

        Assert.Contains(publisher.Published, message => !message.Acknowledged);
        AssertCoversExactlyOnce(publisher.Published.Where(message => message.Acknowledged), 300);
        Assert.True(outboxPublisher.Statistics.MessagesFailed > 0);
    }

    [Fact]
    public async Task After_a_disconnect_the_unacknowledged_ranges_are_sent_again()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 200);
        var publisher = new FakeMessagePublisher { DisconnectWhen = attempt => attempt == 4 };
        await using var outboxPublisher = NewPublisher(outbox, publisher, FastOptions with { BatchSize = 20 });

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => !publisher.IsConnected, Timeout, cancellation);
        UplinkTestData.AppendReadings(outbox, 50);
        await Task.Delay(100, cancellation);
        var duringOutage = publisher.Published.Count;
        Assert.Equal(4, duringOutage);

        publisher.Reconnect();
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 250, Timeout, cancellation);

        AssertCoversExactlyOnce(publisher.Published.Where(message => message.Acknowledged), 250);
    }

    [Fact]
    public async Task Live_readings_wait_for_a_full_batch_or_the_maximum_delay()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        var publisher = new FakeMessagePublisher();
        var options = FastOptions with { BatchSize = 10, MaxBatchDelay = TimeSpan.FromMilliseconds(300) };
        await using var outboxPublisher = NewPublisher(outbox, publisher, options);

        outboxPublisher.Start();
        await Task.Delay(50, cancellation);
        UplinkTestData.AppendReadings(outbox, 3);
        await Task.Delay(100, cancellation);
        Assert.Empty(publisher.Published);

        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 3, Timeout, cancellation);
        UplinkTestData.AppendReadings(outbox, 25);
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 28, Timeout, cancellation);

        Assert.All(publisher.Published, message => Assert.True(message.LastSequence - message.FirstSequence + 1 <= 10));
    }

    private static OutboxPublisher NewPublisher(IOutbox outbox, FakeMessagePublisher publisher, OutboxPublisherOptions options) =>
        new(outbox, new UplinkMessageEncoder("gw-test", outbox.StoreId, UplinkTestData.Channels()), publisher, options);

    private static void AssertCoversExactlyOnce(IEnumerable<PublishedMessage> messages, long lastSequence)
    {
        var seen = new int[lastSequence + 1];
        foreach (var message in messages)
        {
            for (var sequence = message.FirstSequence; sequence <= message.LastSequence; sequence++)
            {
                seen[sequence]++;
            }
        }

        for (var sequence = 1; sequence <= lastSequence; sequence++)
        {
            Assert.True(seen[sequence] == 1, $"sequence {sequence} acknowledged {seen[sequence]} times");
        }
    }
}
