using EdgeGateway.Pipeline;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Hj212;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink.Hj212;

public sealed class CompositePublishingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly OutboxPublisherOptions FastOptions = UplinkTestData.FastPublisherOptions;

    [Fact]
    public async Task Both_modes_publish_everything_and_every_record_is_acknowledged_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        var channels = UplinkTestData.Channels();
        UplinkTestData.AppendReadings(outbox, durable, 200);
        outbox.Append([], [UplinkTestData.MinuteRecord(1)], [UplinkTestData.DoorEvent()]);
        durable.Advance(outbox.DurableSequence);
        var publisher = new FakeMessagePublisher();
        var encoder = new CompositeUplinkEncoder(
            new UplinkMessageEncoder("gw-1", outbox.StoreId, channels),
            new Hj212UplinkEncoder(channels, Hj212UplinkTestData.Options));
        await using var outboxPublisher = new OutboxPublisher(outbox, durable, encoder, publisher, FastOptions);

        outboxPublisher.Start();
        UplinkTestData.AppendReadings(outbox, durable, 60);
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 262, Timeout, cancellation);

        Assert.Equal([new SequenceRange(1, 262)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
        Assert.Equal(262, outboxPublisher.Statistics.RecordsAcknowledged);
        Assert.Equal(0, outboxPublisher.Statistics.MessagesFailed);
        var published = publisher.Published;
        Assert.Contains(published, message => message.TopicSuffix == UplinkContract.EventsTopic);
        var hj212 = published.Where(message => message.TopicSuffix == Hj212UplinkEncoder.TopicSuffix).ToArray();
        Assert.NotEmpty(hj212);
        Assert.All(hj212, message => Assert.NotEmpty(Hj212UplinkTestData.DecodeFrames(message.Payload)));
        Assert.Contains(hj212, message => Hj212UplinkTestData.DecodeFrames(message.Payload)[0].Packet!.Cn == "2051");
    }

    [Fact]
    public async Task A_rate_limited_backlog_in_both_modes_still_drains()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        var channels = UplinkTestData.Channels();
        UplinkTestData.AppendReadings(outbox, durable, 100);
        var publisher = new FakeMessagePublisher();
        var encoder = new CompositeUplinkEncoder(
            new UplinkMessageEncoder("gw-1", outbox.StoreId, channels),
            new Hj212UplinkEncoder(channels, Hj212UplinkTestData.Options));

        // Every reading has its own instant, so a batch of 50 makes 51 messages, more than the 40 tokens there are.
        var slowBacklog = FastOptions with { BacklogMessagesPerSecond = 40 };
        await using var outboxPublisher = new OutboxPublisher(outbox, durable, encoder, publisher, slowBacklog);

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 100, Timeout, cancellation);

        Assert.Equal(100, outboxPublisher.Statistics.RecordsAcknowledged);
        Assert.Equal(102, publisher.Published.Count);
    }

    [Fact]
    public async Task Hj212_alone_acknowledges_events_it_leaves_out()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        var channels = UplinkTestData.Channels();
        outbox.Append([], [], [UplinkTestData.DoorEvent()]);
        UplinkTestData.AppendReadings(outbox, durable, 30);
        outbox.Append([], [], [UplinkTestData.DoorEvent()]);
        durable.Advance(outbox.DurableSequence);
        var publisher = new FakeMessagePublisher();
        await using var outboxPublisher = new OutboxPublisher(
            outbox, durable, new Hj212UplinkEncoder(channels, Hj212UplinkTestData.Options), publisher, FastOptions);

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 32, Timeout, cancellation);

        Assert.All(publisher.Published, message => Assert.Equal(Hj212UplinkEncoder.TopicSuffix, message.TopicSuffix));
        Assert.Equal(32, outboxPublisher.Statistics.RecordsAcknowledged);
    }

    [Fact]
    public void A_record_is_owed_until_the_last_message_carrying_it()
    {
        OutboxEntry[] entries = [.. Enumerable.Range(1, 6).Select(i => (OutboxEntry)new OutboxReading(i, new Reading(0, 0, 1, 1, DataFlag.N, FlagReason.None)))];
        UplinkMessage[] messages =
        [
            new("readings", [], new SequenceRange(1, 4), OutboxRecordKind.Reading),
            new("hj212", [], new SequenceRange(1, 2), OutboxRecordKind.Reading),
            new("hj212", [], new SequenceRange(4, 4), OutboxRecordKind.Reading),
        ];

        var plan = AcknowledgementPlan.Of(messages, entries);

        // PUBACKs in publish order.
        Assert.Equal([new SequenceRange(3, 3)], plan.Acknowledge(0));
        Assert.Equal([new SequenceRange(1, 2)], plan.Acknowledge(1));
        Assert.Equal([new SequenceRange(4, 6)], plan.Acknowledge(2));
        Assert.Equal([new SequenceRange(5, 6)], plan.Uncarried);
    }

    [Fact]
    public void A_record_is_owed_until_every_message_carrying_it_is_through_whatever_the_order()
    {
        OutboxEntry[] entries = [.. Enumerable.Range(1, 6).Select(i => (OutboxEntry)new OutboxReading(i, new Reading(0, 0, 1, 1, DataFlag.N, FlagReason.None)))];
        UplinkMessage[] messages =
        [
            new("readings", [], new SequenceRange(1, 4), OutboxRecordKind.Reading),
            new("hj212", [], new SequenceRange(1, 2), OutboxRecordKind.Reading),
            new("hj212", [], new SequenceRange(4, 4), OutboxRecordKind.Reading),
        ];

        var plan = AcknowledgementPlan.Of(messages, entries);

        // PUBACKs in reverse order: the HJ 212 messages free nothing while the JSON one is owed.
        Assert.Empty(plan.Acknowledge(2));
        Assert.Empty(plan.Acknowledge(1));
        Assert.Empty(plan.Acknowledge(1));
        Assert.Equal([new SequenceRange(1, 6)], plan.Acknowledge(0));
    }

    [Fact]
    public void Entries_no_message_carries_wait_for_the_whole_batch()
    {
        OutboxEntry[] entries = [.. new long[] { 3, 4, 5, 7, 8, 9 }.Select(i => (OutboxEntry)new OutboxReading(i, new Reading(0, 0, 1, 1, DataFlag.N, FlagReason.None)))];
        UplinkMessage[] messages =
        [
            new("readings", [], new SequenceRange(3, 4), OutboxRecordKind.Reading),
            new("readings", [], new SequenceRange(8, 9), OutboxRecordKind.Reading),
        ];

        var plan = AcknowledgementPlan.Of(messages, entries);

        Assert.Equal([new SequenceRange(5, 5), new SequenceRange(7, 7)], plan.Uncarried);
        Assert.Equal([new SequenceRange(8, 9)], plan.Acknowledge(1));
        Assert.Equal([new SequenceRange(3, 5), new SequenceRange(7, 7)], plan.Acknowledge(0));
    }

    [Fact]
    public void A_batch_without_messages_has_everything_uncarried()
    {
        OutboxEntry[] entries = [.. new long[] { 10, 11, 13 }.Select(i => (OutboxEntry)new OutboxReading(i, new Reading(0, 0, 1, 1, DataFlag.N, FlagReason.None)))];

        var plan = AcknowledgementPlan.Of([], entries);

        Assert.Equal(0, plan.MessageCount);
        Assert.Equal([new SequenceRange(10, 11), new SequenceRange(13, 13)], plan.Uncarried);
    }
}
