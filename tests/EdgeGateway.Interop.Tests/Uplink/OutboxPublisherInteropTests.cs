using System.Text.Json;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>
/// The outbox publisher over a real <see cref="MqttLink"/> to mosquitto (issue 4, parts 3-4): a platform-side
/// subscriber receives every appended sequence (duplicates allowed, gaps not), also across a broker restart, and every
/// message matches its JSON Schema in docs/schemas.
/// </summary>
public sealed class OutboxPublisherInteropTests
{
    private const string GatewayId = "gw-uplink";
    private const string TopicRoot = "egw/" + GatewayId + "/";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly OutboxPublisherOptions Options = new()
    {
        BatchSize = 50,
        MaxBatchDelay = TimeSpan.FromMilliseconds(50),
        BacklogMessagesPerSecond = 200,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Every_appended_sequence_reaches_the_subscriber_and_every_message_matches_its_schema()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestClient.ConnectAsync(broker.Port, "platform", MqttProtocolVersion.V500, TopicRoot + "#");
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        AppendReadings(outbox, durable, 500);
        outbox.Append([], [SampleMinuteRecords.Of(0, Start)], [new GatewayEvent(Start, GatewayEventKind.Door, "door", "cabinet door opened", """{"open":true}""")]);
        durable.Advance(outbox.DurableSequence);
        await using var link = new MqttLink(TestLinks.Options(broker.Port, GatewayId));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var publisher = NewPublisher(outbox, durable, new MqttMessagePublisher(link));

        publisher.Start();
        for (var chunk = 0; chunk < 20; chunk++)
        {
            AppendReadings(outbox, durable, 25);
            await Task.Delay(10, cancellation);
        }

        var last = outbox.LastSequence;
        await Poll.UntilAsync(() => Covered(subscriber.Messages).Count >= last, Timeout, () => $"sequences 1..{last}; covered {Covered(subscriber.Messages).Count}");

        // The broker forwards a message before its PUBACK reaches the publisher: the prefix may trail by a window.
        await Poll.UntilAsync(() => outbox.AcknowledgedPrefix >= last, Timeout, () => $"acknowledged prefix {outbox.AcknowledgedPrefix} of {last}");
        Assert.Equal(last, outbox.AcknowledgedPrefix);
        AssertNoGap(subscriber.Messages, last);
        AssertMatchSchemas(subscriber.Messages);
        Assert.Contains(subscriber.Messages, message => message.Topic == TopicRoot + "aggregates/minute");
        Assert.Contains(subscriber.Messages, message => message.Topic == TopicRoot + "events");
        Assert.Contains(subscriber.Messages, message => message.Topic == TopicRoot + "status");
        Assert.All(subscriber.Messages.Where(message => !message.Topic.EndsWith("/status", StringComparison.Ordinal)), message => Assert.Equal(UplinkContract.ContentType, message.ContentType));
    }

    [Fact]
    public async Task A_broker_restart_mid_stream_leaves_no_gap()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync();
        var subscriber = await MqttTestClient.ConnectAsync(broker.Port, "platform-before", MqttProtocolVersion.V500, TopicRoot + "readings");
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, GatewayId));
        await TestLinks.StartAndWaitAsync(link, broker);
        var gate = new GatedMessagePublisher(new MqttMessagePublisher(link));
        await using var publisher = NewPublisher(outbox, durable, gate);
        publisher.Start();

        for (var chunk = 0; chunk < 10; chunk++)
        {
            AppendReadings(outbox, durable, 20);
            await Task.Delay(10, cancellation);
        }

        gate.Close();
        await Poll.UntilAsync(() => gate.InFlight == 0, Timeout, "no publish in flight");
        // What the broker acknowledged it also forwarded; give the subscriber's socket a moment to deliver it.
        await Task.Delay(300, cancellation);
        List<ReceivedMessage> received = [.. subscriber.Messages];
        await subscriber.DisposeAsync();
        await broker.StopAsync();
        await Poll.UntilAsync(() => !link.IsConnected, Timeout, "the link to notice the outage");
        for (var chunk = 0; chunk < 10; chunk++)
        {
            AppendReadings(outbox, durable, 20);
            await Task.Delay(10, cancellation);
        }

        await broker.StartAsync();
        subscriber = await MqttTestClient.ConnectAsync(broker.Port, "platform-after", MqttProtocolVersion.V500, TopicRoot + "readings");
        await using (subscriber)
        {
            gate.Open();
            for (var chunk = 0; chunk < 10; chunk++)
            {
                AppendReadings(outbox, durable, 20);
                await Task.Delay(10, cancellation);
            }

            var last = outbox.LastSequence;
            await Poll.UntilAsync(() => Covered([.. received, .. subscriber.Messages]).Count >= last, Timeout, () => $"sequences 1..{last}; covered {Covered([.. received, .. subscriber.Messages]).Count}");

            // The broker forwards a message before its PUBACK reaches the publisher: the prefix may trail by a window.
            await Poll.UntilAsync(() => outbox.AcknowledgedPrefix >= last, Timeout, () => $"acknowledged prefix {outbox.AcknowledgedPrefix} of {last}");
            Assert.Equal(last, outbox.AcknowledgedPrefix);
            AssertNoGap([.. received, .. subscriber.Messages], last);
            AssertMatchSchemas([.. received, .. subscriber.Messages]);
            Assert.True(publisher.Statistics.MessagesFailed > 0, "the outage made some publishes fail");
        }
    }

    [Fact]
    public async Task The_window_fills_while_acknowledgements_are_held_and_a_reset_mid_window_leaves_no_gap()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestClient.ConnectAsync(broker.Port, "platform", MqttProtocolVersion.V500, TopicRoot + "readings");
        await using var relay = MqttTcpRelay.Start(broker.Port);
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        AppendReadings(outbox, durable, 500);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, GatewayId));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var publisher = NewPublisher(outbox, durable, new MqttMessagePublisher(link), Options with { MaxInFlight = 4 });

        // No PUBACK comes back: the backlog takes three slots, live data the fourth, and nothing more goes out.
        relay.HoldBrokerTraffic();
        publisher.Start();
        await Poll.UntilAsync(() => publisher.Statistics.InFlight == 3, Timeout, () => $"the backlog's 3 in flight; {publisher.Statistics}");
        AppendReadings(outbox, durable, 50);
        await Poll.UntilAsync(() => publisher.Statistics.InFlight == 4 && relay.PublishesToBroker >= 4, Timeout, () => $"4 in flight; {publisher.Statistics}");
        await Task.Delay(200, cancellation);
        Assert.Equal(4, relay.MaxOutstanding);
        Assert.Equal(4, publisher.Statistics.PeakInFlight);
        Assert.Equal(0, outbox.AcknowledgedPrefix);

        // The 4G link drops with the whole window unacknowledged: all four go out again after the reconnect.
        relay.ResetConnections();
        relay.ReleaseBrokerTraffic();
        for (var chunk = 0; chunk < 10; chunk++)
        {
            AppendReadings(outbox, durable, 20);
            await Task.Delay(10, cancellation);
        }

        var last = outbox.LastSequence;
        await Poll.UntilAsync(() => outbox.AcknowledgedPrefix == last && Covered(subscriber.Messages).Count >= last, Timeout, () => $"sequences 1..{last}; acknowledged up to {outbox.AcknowledgedPrefix}, covered {Covered(subscriber.Messages).Count}");

        AssertNoGap(subscriber.Messages, last);
        Assert.True(publisher.Statistics.MessagesFailed >= 4, publisher.Statistics.ToString());
        Assert.InRange(publisher.Statistics.PeakInFlight, 1, 4);
    }

    private static OutboxPublisher NewPublisher(IOutbox outbox, DurableSequenceSignal durable, IMessagePublisher messagePublisher, OutboxPublisherOptions? options = null) =>
        new(outbox, durable, new UplinkMessageEncoder(GatewayId, outbox.StoreId, Channels(), new UplinkEncoderOptions { MaxReadingsPerMessage = 40 }), messagePublisher, options ?? Options);

    private static ChannelTable Channels() => new(
    [
        new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(1, "cems", "nox", "a21002", "mg/m³", null),
    ]);

    // Appends and tells the publisher, as the appender does.
    private static void AppendReadings(IOutbox outbox, DurableSequenceSignal durable, int count)
    {
        var readings = new Reading[count];
        var first = outbox.LastSequence;
        for (var i = 0; i < count; i++)
        {
            var time = Start.AddSeconds(first + i);
            readings[i] = i % 10 == 9
                ? new Reading(i % 2, time.UtcTicks, double.NaN, double.NaN, DataFlag.B, FlagReason.NoAnswer)
                : new Reading(i % 2, time.UtcTicks, first + i, (first + i) / 10.0, DataFlag.N, FlagReason.None);
        }

        outbox.Append(readings, [], []);
        durable.Advance(outbox.DurableSequence);
    }

    // Every sequence that some data message's first..last range covers.
    private static HashSet<long> Covered(IEnumerable<ReceivedMessage> messages)
    {
        var covered = new HashSet<long>();
        foreach (var message in messages.Where(message => !message.Topic.EndsWith("/status", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(message.Payload);
            var first = document.RootElement.GetProperty("firstSequence").GetInt64();
            var last = document.RootElement.GetProperty("lastSequence").GetInt64();
            for (var sequence = first; sequence <= last; sequence++)
            {
                covered.Add(sequence);
            }
        }

        return covered;
    }

    private static void AssertNoGap(IReadOnlyList<ReceivedMessage> messages, long lastSequence)
    {
        var covered = Covered(messages);
        var missing = Enumerable.Range(1, (int)lastSequence).Where(sequence => !covered.Contains(sequence)).Take(10).ToArray();
        Assert.True(missing.Length == 0, $"missing sequences {string.Join(", ", missing)}");

        // Each readings message holds exactly its range, with the values the outbox holds.
        foreach (var message in messages.Where(message => message.Topic.EndsWith("/readings", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(message.Payload);
            var root = document.RootElement;
            var sequences = root.GetProperty("readings").EnumerateArray().Select(reading => reading.GetProperty("sequence").GetInt64()).ToArray();
            var first = root.GetProperty("firstSequence").GetInt64();
            Assert.Equal(Enumerable.Range(0, sequences.Length).Select(offset => first + offset), sequences);
            Assert.Equal(root.GetProperty("lastSequence").GetInt64(), sequences[^1]);
            foreach (var reading in root.GetProperty("readings").EnumerateArray())
            {
                if (reading.TryGetProperty("raw", out var raw))
                {
                    Assert.Equal(raw.GetDouble() / 10.0, reading.GetProperty("value").GetDouble(), 9);
                    Assert.Equal(reading.GetProperty("sequence").GetInt64() - 1, raw.GetDouble());
                }
            }
        }
    }

    private static void AssertMatchSchemas(IEnumerable<ReceivedMessage> messages)
    {
        using var schemas = new ContractSchemas();
        foreach (var message in messages)
        {
            var problems = schemas.Validate(message.Topic[TopicRoot.Length..], message.Payload);
            Assert.True(problems.Count == 0, $"{message.Topic}: {string.Join("; ", problems)}{Environment.NewLine}{message.Text}");
        }
    }
}
