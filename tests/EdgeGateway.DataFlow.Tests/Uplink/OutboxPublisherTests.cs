using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>
/// The publisher on a fake clock: batch delays, the backlog's rate and the retry pause pass only as the test moves the
/// clock, so "nothing was sent" is a statement about clock time, not about how fast the machine is.
/// </summary>
public sealed class OutboxPublisherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // How far the fake clock moves per look at a condition: below every delay of FastOptions that matters.
    private static readonly TimeSpan ClockStep = TimeSpan.FromMilliseconds(5);

    private static readonly OutboxPublisherOptions FastOptions = UplinkTestData.FastPublisherOptions;

    private readonly FakeTimeProvider _clock = new(UplinkTestData.Start);

    [Fact]
    public async Task Every_sequence_is_published_and_acknowledged_exactly()
    {
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 300);
        outbox.Append([], [UplinkTestData.MinuteRecord(1)], [UplinkTestData.DoorEvent()]);
        durable.Advance(outbox.DurableSequence);
        var publisher = new FakeMessagePublisher();
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions);

        outboxPublisher.Start();
        UplinkTestData.AppendReadings(outbox, durable, 120);
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 422);

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
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 400);
        var publisher = new FakeMessagePublisher();
        var slowBacklog = FastOptions with { BatchSize = 20, BacklogMessagesPerSecond = 10 };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, slowBacklog);

        outboxPublisher.Start();
        await WaitUntilAsync(() => publisher.Published.Count >= 2);
        UplinkTestData.AppendReadings(outbox, durable, 5);
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 405);

        var published = publisher.Published.ToList();
        var live = published.FindIndex(message => message.FirstSequence > 400);
        var lastOfBacklog = published.FindIndex(message => message.LastSequence == 400);
        Assert.True(live < lastOfBacklog, $"live message #{live}, end of backlog #{lastOfBacklog}");
        Assert.True(outboxPublisher.Statistics.BacklogMessages >= 20);
    }

    // The defect: the backlog went at a fixed 20 messages a second whatever the link carried (a day of 100 channels
    // took 3.2 h). At default settings it now follows the acknowledgements: the fake clock stands still here, so a
    // rate of any kind would let one message out at most, while the window lets all of them through.
    [Fact]
    public async Task At_default_settings_the_backlog_follows_the_acknowledgements_not_a_fixed_20_messages_a_second()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 2000);
        var publisher = new FakeMessagePublisher();
        var defaults = new OutboxPublisherOptions();
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, defaults);

        outboxPublisher.Start();
        await UplinkTestData.WaitUntilAsync(() => outbox.AcknowledgedPrefix == 2000, Timeout, cancellation);

        Assert.Null(defaults.BacklogMessagesPerSecond);
        Assert.Equal(2000 / defaults.BatchSize, outboxPublisher.Statistics.BacklogMessages);
        AssertCoversExactlyOnce(publisher.Published.Where(message => message.Acknowledged), 2000);
    }

    [Fact]
    public async Task Live_data_go_out_before_a_backlog_paced_only_by_acknowledgements_drains()
    {
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 4000);
        var publisher = new FakeMessagePublisher { AnswerDelay = _ => TimeSpan.FromMilliseconds(5) };
        var unpaced = FastOptions with { BatchSize = 20, BacklogMessagesPerSecond = null, MaxInFlight = 4 };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, unpaced);

        outboxPublisher.Start();
        await WaitUntilAsync(() => publisher.Published.Count >= 2);
        UplinkTestData.AppendReadings(outbox, durable, 5);
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 4005);

        var published = publisher.Published.ToList();
        var live = published.FindIndex(message => message.FirstSequence > 4000);
        var lastOfBacklog = published.FindIndex(message => message.LastSequence == 4000);
        Assert.True(live < lastOfBacklog, $"live message #{live}, end of backlog #{lastOfBacklog}");
        Assert.InRange(publisher.PeakInFlight, 2, 4);
    }

    [Fact]
    public async Task Nothing_beyond_the_durable_sequence_is_sent()
    {
        using var outbox = new DurabilityLimitedOutbox();
        UplinkTestData.AppendReadings(outbox, 100);
        outbox.SetDurableSequence(60);
        var durable = new DurableSequenceSignal(outbox.DurableSequence);
        var publisher = new FakeMessagePublisher();
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions);

        outboxPublisher.Start();
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 60);
        await RunClockAsync(TimeSpan.FromMilliseconds(200));

        Assert.All(publisher.Published, message => Assert.True(message.LastSequence <= 60));
        Assert.Equal(60, outbox.AcknowledgedPrefix);

        outbox.MakeDurable();
        durable.Advance(outbox.DurableSequence);
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 100);
        AssertCoversExactlyOnce(publisher.Published, 100);
    }

    [Fact]
    public async Task Failed_publishes_are_retried_until_acknowledged()
    {
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 200);
        var publisher = new FakeMessagePublisher { FailWhen = attempt => attempt % 3 == 0 };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions with { BatchSize = 20 });

        outboxPublisher.Start();
        UplinkTestData.AppendReadings(outbox, durable, 100);
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 300);

        Assert.Contains(publisher.Published, message => !message.Acknowledged);
        AssertCoversExactlyOnce(publisher.Published.Where(message => message.Acknowledged), 300);
        Assert.True(outboxPublisher.Statistics.MessagesFailed > 0);
    }

    [Fact]
    public async Task After_a_disconnect_the_unacknowledged_ranges_are_sent_again()
    {
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        UplinkTestData.AppendReadings(outbox, durable, 200);
        var publisher = new FakeMessagePublisher { DisconnectWhen = attempt => attempt == 4 };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, FastOptions with { BatchSize = 20 });

        outboxPublisher.Start();
        await WaitUntilAsync(() => !publisher.IsConnected);
        UplinkTestData.AppendReadings(outbox, durable, 50);
        await RunClockAsync(TimeSpan.FromMilliseconds(100));
        var duringOutage = publisher.Published.Count;
        Assert.Equal(4, duringOutage);

        publisher.Reconnect();
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 250);

        AssertCoversExactlyOnce(publisher.Published.Where(message => message.Acknowledged), 250);
    }

    [Fact]
    public async Task Live_readings_wait_for_a_full_batch_or_the_maximum_delay()
    {
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        var publisher = new FakeMessagePublisher();
        var options = FastOptions with { BatchSize = 10, MaxBatchDelay = TimeSpan.FromMilliseconds(300) };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, options);

        // Once the session has started, whatever is appended is live data, not backlog.
        outboxPublisher.Start();
        await WaitUntilAsync(() => outboxPublisher.Statistics.Sessions == 1);
        UplinkTestData.AppendReadings(outbox, durable, 3);
        await RunClockAsync(TimeSpan.FromMilliseconds(100));
        Assert.Empty(publisher.Published);

        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 3);
        UplinkTestData.AppendReadings(outbox, durable, 25);
        await WaitUntilAsync(() => outbox.AcknowledgedPrefix == 28);

        Assert.All(publisher.Published, message => Assert.True(message.LastSequence - message.FirstSequence + 1 <= 10));
    }

    // The stop took 0.8-1.1 s after SIGTERM (issue 18): the uplink's flush waited, polling, for the last live
    // records, which waited out the batch delay before the publisher sent them. The flush sends them at once and
    // learns of their acknowledgement from the publisher: here the clock never moves, so no delay can pass.
    [Fact]
    public async Task Stop_flush_waited_out_the_live_batch_delay_now_sends_the_waiting_records_without_time_passing()
    {
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        var publisher = new FakeMessagePublisher();
        var options = FastOptions with { BatchSize = 100, MaxBatchDelay = TimeSpan.FromSeconds(1) };
        await using var outboxPublisher = NewPublisher(outbox, durable, publisher, options);
        outboxPublisher.Start();
        await WaitUntilAsync(() => outboxPublisher.Statistics.Sessions == 1);
        UplinkTestData.AppendReadings(outbox, durable, 3);
        var clockAtFlush = _clock.GetUtcNow();

        await outboxPublisher.FlushAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(clockAtFlush, _clock.GetUtcNow());
        Assert.Equal(3, outbox.AcknowledgedPrefix);
        AssertCoversExactlyOnce(publisher.Published, 3);
    }

    private OutboxPublisher NewPublisher(IOutbox outbox, DurableSequenceSignal durable, FakeMessagePublisher publisher, OutboxPublisherOptions options) =>
        new(outbox, durable, new UplinkMessageEncoder("gw-test", outbox.StoreId, UplinkTestData.Channels()), publisher, options, _clock);

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

    // Moves the fake clock on while the condition is false; the deadline is real time, and generous.
    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true in time.");
            }

            _clock.Advance(ClockStep);
            await Task.Delay(1, cancellation);
        }
    }

    // Lets the publisher run through this much clock time, a step at a time, so each of its timers fires when due.
    private async Task RunClockAsync(TimeSpan span)
    {
        var cancellation = TestContext.Current.CancellationToken;
        for (var run = TimeSpan.Zero; run < span; run += ClockStep)
        {
            _clock.Advance(ClockStep);
            await Task.Delay(1, cancellation);
        }
    }
}
