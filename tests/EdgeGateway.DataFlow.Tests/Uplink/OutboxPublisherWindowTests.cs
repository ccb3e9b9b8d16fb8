using System.Collections.Concurrent;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>The publisher's in-flight window: several messages awaiting PUBACK at once, and every guarantee kept.</summary>
public sealed class OutboxPublisherWindowTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly OutboxPublisherOptions FastOptions = UplinkTestData.FastPublisherOptions with { BatchSize = 20 };

    [Fact]
    public async Task Several_messages_are_in_flight_while_the_broker_is_slow_to_acknowledge()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new AcknowledgementRecordingOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 400);
        var publisher = new FakeMessagePublisher { AnswerDelay = _ => TimeSpan.FromMilliseconds(40) };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions with { MaxInFlight = 8 });

        outboxPublisher.Start();
        UplinkTestData.AppendReadings(outbox, durable, 100);
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 500, Timeout, cancellation);

        Assert.True(publisher.PeakInFlight > 1, $"at most {publisher.PeakInFlight} publish in flight");
        Assert.InRange(outboxPublisher.Statistics.PeakInFlight, 2, 8);
        AssertAcknowledgedOnceEach(outbox, 500);
        Assert.Equal(0, outboxPublisher.Statistics.MessagesFailed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_window_is_never_exceeded(int maxInFlight)
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new AcknowledgementRecordingOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 300);
        var publisher = new FakeMessagePublisher { AnswerDelay = attempt => TimeSpan.FromMilliseconds(1 + (attempt * 7 % 23)) };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions with { MaxInFlight = maxInFlight });

        outboxPublisher.Start();
        for (var chunk = 0; chunk < 10; chunk++)
        {
            UplinkTestData.AppendReadings(outbox, durable, 25);
            await Task.Delay(15, cancellation);
        }

        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 550, Timeout, cancellation);

        Assert.InRange(publisher.PeakInFlight, 1, maxInFlight);
        Assert.InRange(outboxPublisher.Statistics.PeakInFlight, 1, maxInFlight);
        if (maxInFlight > 1)
        {
            Assert.True(publisher.PeakInFlight > 1, "the window was used");
        }

        AssertAcknowledgedOnceEach(outbox, 550);
    }

    [Fact]
    public async Task A_failure_mid_window_loses_nothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new AcknowledgementRecordingOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 300);

        // Answers out of order; every fifth attempt refused; two connection drops fail whatever is in flight then.
        var publisher = new FakeMessagePublisher
        {
            AnswerDelay = attempt => TimeSpan.FromMilliseconds(1 + (attempt * 37 % 15)),
            FailWhen = attempt => attempt % 5 == 2,
            DisconnectWhen = attempt => attempt is 12 or 30,
        };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var reconnecting = ReconnectWhenDroppedAsync(publisher, done.Token);

        outboxPublisher.Start();
        for (var chunk = 0; chunk < 5; chunk++)
        {
            UplinkTestData.AppendReadings(outbox, durable, 20);
            await Task.Delay(10, cancellation);
        }

        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 400, Timeout, cancellation);
        await done.CancelAsync();
        await reconnecting;

        AssertAcknowledgedOnceEach(outbox, 400);
        var published = publisher.Published;
        AssertCovered(published, 400);
        AssertCovered(published.Where(message => message.Acknowledged), 400);
        Assert.Contains(published, message => !message.Acknowledged);
        Assert.True(outboxPublisher.Statistics.MessagesFailed > 0);
        Assert.True(publisher.PeakInFlight > 1, "the window was used");
    }

    [Fact]
    public async Task With_overlapping_messages_a_record_is_acknowledged_only_after_every_message_carrying_it()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new AcknowledgementRecordingOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 300);
        var publisher = new FakeMessagePublisher
        {
            AnswerDelay = attempt => TimeSpan.FromMilliseconds(1 + (attempt * 53 % 17)),
            FailWhen = attempt => attempt % 9 == 4,
        };
        var encoder = new OverlappingTestEncoder { LeavesOut = sequence => sequence % 13 == 0 };
        var violations = new ConcurrentQueue<string>();
        outbox.BeforeAcknowledge = (first, last) =>
        {
            var through = publisher.Published.Where(message => message.Acknowledged).Select(message => (message.TopicSuffix, message.FirstSequence, message.LastSequence)).ToArray();
            for (var sequence = first; sequence <= last; sequence++)
            {
                if (encoder.LeavesOut(sequence))
                {
                    continue;
                }

                foreach (var topic in new[] { OverlappingTestEncoder.WideTopic, OverlappingTestEncoder.NarrowTopic })
                {
                    if (!through.Any(message => message.TopicSuffix == topic && message.FirstSequence <= sequence && sequence <= message.LastSequence))
                    {
                        violations.Enqueue($"{sequence} acknowledged before a {topic} message carrying it was");
                    }
                }
            }
        };
        await using var outboxPublisher = new OutboxPublisher(outbox, durable, encoder, publisher, FastOptions);

        outboxPublisher.Start();
        UplinkTestData.AppendReadings(outbox, durable, 60);
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 360, Timeout, cancellation);

        Assert.Empty(violations);
        AssertAcknowledgedOnceEach(outbox, 360);
        Assert.True(outboxPublisher.Statistics.MessagesFailed > 0);
        Assert.True(publisher.PeakInFlight > 1, "the window was used");
    }

    [Fact]
    public async Task A_stop_waits_for_the_acknowledgements_in_flight()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 200);
        var publisher = new FakeMessagePublisher { AnswerDelay = _ => TimeSpan.FromMilliseconds(300) };
        var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions with { StopTimeout = TimeSpan.FromSeconds(20) });

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => publisher.InFlight >= 2, Timeout, cancellation);
        await outboxPublisher.DisposeAsync();

        var published = publisher.Published;
        Assert.Equal(0, publisher.InFlight);
        Assert.Equal(0, publisher.Cancelled);
        Assert.True(published.Count >= 2);
        Assert.All(published, message => Assert.True(message.Acknowledged));
        var sent = published.Sum(message => message.LastSequence - message.FirstSequence + 1);
        Assert.Equal(sent, outbox.AcknowledgedRanges(OutboxDestinations.Mqtt).Sum(range => range.Count));
        Assert.Equal(0, outboxPublisher.Statistics.InFlight);
    }

    [Fact]
    public async Task A_stop_abandons_what_is_not_acknowledged_within_the_stop_timeout()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 100);
        var publisher = new FakeMessagePublisher { AnswerDelay = _ => TimeSpan.FromMinutes(5) };
        var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions with { StopTimeout = TimeSpan.FromMilliseconds(100) });

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => publisher.InFlight >= 2, Timeout, cancellation);
        await outboxPublisher.DisposeAsync();

        Assert.Equal(0, publisher.InFlight);
        Assert.True(publisher.Cancelled >= 2);
        Assert.Equal(0, outbox.AcknowledgedPrefix);
        Assert.Empty(outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
        Assert.Equal(100, outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(OutboxPublisherOptions.MaxInFlightLimit + 1)]
    public void The_window_size_is_validated(int maxInFlight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutboxPublisherOptions { MaxInFlight = maxInFlight }.Validate());

    [Fact]
    public void A_negative_stop_timeout_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutboxPublisherOptions { StopTimeout = TimeSpan.FromSeconds(-1) }.Validate());

    private static OutboxPublisher NewPublisher(IOutbox outbox, DurableSequenceSignal durable, FakeMessagePublisher publisher, OutboxPublisherOptions options) =>
        new(outbox, durable, new UplinkMessageEncoder("gw-test", outbox.StoreId, UplinkTestData.Channels()), publisher, options);

    private static async Task ReconnectWhenDroppedAsync(FakeMessagePublisher publisher, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(5, cancellationToken);
                if (!publisher.IsConnected)
                {
                    await Task.Delay(20, cancellationToken);
                    publisher.Reconnect();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test is done.
        }
    }

    private static void AssertAcknowledgedOnceEach(AcknowledgementRecordingOutbox outbox, long lastSequence)
    {
        Assert.Equal([new SequenceRange(1, lastSequence)], outbox.AcknowledgedRanges(OutboxDestinations.Mqtt));
        for (var sequence = 1L; sequence <= lastSequence; sequence++)
        {
            var times = outbox.AcknowledgementsOf(sequence);
            Assert.True(times == 1, $"sequence {sequence} acknowledged {times} times");
        }
    }

    private static void AssertCovered(IEnumerable<PublishedMessage> messages, long lastSequence)
    {
        var covered = new HashSet<long>();
        foreach (var message in messages)
        {
            for (var sequence = message.FirstSequence; sequence <= message.LastSequence; sequence++)
            {
                covered.Add(sequence);
            }
        }

        var missing = Enumerable.Range(1, (int)lastSequence).Where(sequence => !covered.Contains(sequence)).Take(10).ToArray();
        Assert.True(missing.Length == 0, $"never published: {string.Join(", ", missing)}");
    }
}
