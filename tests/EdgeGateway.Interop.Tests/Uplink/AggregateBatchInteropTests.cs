using System.Text.Json;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>
/// The batch form of <c>aggregates/minute|hour|day</c> (issue 18) through a real <see cref="MqttLink"/> and mosquitto:
/// a backlog of minutes of several channels, at the publisher's default options (paced by the PUBACKs), reaches a
/// platform-side subscriber whole, every aggregate message valid against docs/schemas/aggregate.schema.json, each
/// batch's records exactly its first..last; and the single form where configured.
/// </summary>
public sealed class AggregateBatchInteropTests
{
    private const string GatewayId = "gw-batch";
    private const string TopicRoot = "egw/" + GatewayId + "/";
    private const int Channels = 10;
    private const int Minutes = 5;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_backlog_of_minute_records_goes_in_batches_that_match_the_schema_and_carry_every_sequence()
    {
        var received = await DrainAsync(new UplinkEncoderOptions());

        var aggregates = received.Where(message => message.Topic.StartsWith(TopicRoot + "aggregates/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Minutes + 1, aggregates.Length);
        using var schemas = new ContractSchemas();
        foreach (var message in aggregates)
        {
            var problems = schemas.Validate(message.Topic[TopicRoot.Length..], message.Payload);
            Assert.True(problems.Count == 0, $"{message.Topic}: {string.Join("; ", problems)}{Environment.NewLine}{message.Text}");
            using var document = JsonDocument.Parse(message.Payload);
            var root = document.RootElement;
            Assert.False(root.TryGetProperty("record", out _));
            var first = root.GetProperty("firstSequence").GetInt64();
            var sequences = AggregateRecords.Of(root).Select(record => record.GetProperty("sequence").GetInt64()).ToArray();
            Assert.Equal(Enumerable.Range(0, sequences.Length).Select(offset => first + offset), sequences);
            Assert.Equal(root.GetProperty("lastSequence").GetInt64(), sequences[^1]);
        }

        var minutes = aggregates.Where(message => message.Topic == TopicRoot + "aggregates/minute").ToArray();
        Assert.Equal(Minutes, minutes.Length);
        Assert.All(minutes, message => Assert.Equal(Channels, AggregateRecords.Of(message.Payload).Count));
        Assert.Single(AggregateRecords.Of(Assert.Single(aggregates, message => message.Topic == TopicRoot + "aggregates/hour").Payload));
    }

    [Fact]
    public async Task The_single_form_kept_by_configuration_sends_one_record_per_message_that_matches_the_schema()
    {
        var received = await DrainAsync(new UplinkEncoderOptions { AggregateMessages = AggregateMessageForm.Single });

        var aggregates = received.Where(message => message.Topic.StartsWith(TopicRoot + "aggregates/", StringComparison.Ordinal)).ToArray();
        Assert.Equal((Minutes * Channels) + 1, aggregates.Length);
        using var schemas = new ContractSchemas();
        foreach (var message in aggregates)
        {
            Assert.Empty(schemas.Validate(message.Topic[TopicRoot.Length..], message.Payload));
            using var document = JsonDocument.Parse(message.Payload);
            Assert.Equal(document.RootElement.GetProperty("firstSequence").GetInt64(), document.RootElement.GetProperty("record").GetProperty("sequence").GetInt64());
        }
    }

    [Fact]
    public void The_schema_refuses_a_message_with_both_forms_or_an_empty_batch()
    {
        using var schemas = new ContractSchemas();
        var record = """{"sequence":5,"outlet":"o","channel":"c","code":"a21026","unit":"mg/m³","period":"minute","start":"s","end":"e","valid":true,"flag":"N","expectedCount":60,"validCount":60,"totalCount":60,"flagCounts":{"N":60}}""";
        const string envelope = "\"gatewayId\":\"gw\",\"schemaVersion\":1,\"storeId\":\"id\",\"firstSequence\":5,\"lastSequence\":5";

        Assert.Empty(schemas.Validate("aggregates/minute", Utf8($$"""{{{envelope}},"records":[{{record}}]}""")));
        Assert.Empty(schemas.Validate("aggregates/minute", Utf8($$"""{{{envelope}},"record":{{record}}}""")));
        Assert.NotEmpty(schemas.Validate("aggregates/minute", Utf8($$"""{{{envelope}},"record":{{record}},"records":[{{record}}]}""")));
        Assert.NotEmpty(schemas.Validate("aggregates/minute", Utf8($$"""{{{envelope}},"records":[]}""")));
        Assert.NotEmpty(schemas.Validate("aggregates/minute", Utf8($$"""{{{envelope}},"records":[{"sequence":5}]}""")));
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    // A backlog of Minutes minutes, each its readings then one minute record per channel, and an hour record; drained
    // over the link at the publisher's defaults, with live readings appended meanwhile. Returns what the platform got.
    private static async Task<IReadOnlyList<ReceivedMessage>> DrainAsync(UplinkEncoderOptions encoderOptions)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestClient.ConnectAsync(broker.Port, "platform", MqttProtocolVersion.V500, TopicRoot + "#");
        using var outbox = new InMemoryOutbox();
        var durable = new DurableSequenceSignal();
        for (var minute = 0; minute < Minutes; minute++)
        {
            var readings = Enumerable.Range(0, 60 * Channels)
                .Select(i => new Reading(i % Channels, Start.AddMinutes(minute).AddSeconds(i / Channels).UtcTicks, i, i / 10.0, DataFlag.N, FlagReason.None))
                .ToArray();
            outbox.Append(readings, [.. Enumerable.Range(0, Channels).Select(channel => SampleMinuteRecords.Of(channel, Start.AddMinutes(minute)))], []);
        }

        outbox.Append([], [SampleMinuteRecords.Of(0, Start) with { Period = AggregatePeriod.Hour }], []);
        durable.Advance(outbox.DurableSequence);
        await using var link = new MqttLink(TestLinks.Options(broker.Port, GatewayId));
        await TestLinks.StartAndWaitAsync(link, broker);
        var channels = new ChannelTable([.. Enumerable.Range(0, Channels).Select(index => new ChannelDefinition(index, "DA001", $"cems.c{index}", $"a2100{index}", "mg/m³", null))]);
        var encoder = new UplinkMessageEncoder(GatewayId, outbox.StoreId, channels, encoderOptions);
        await using var publisher = new OutboxPublisher(outbox, durable, encoder, new MqttMessagePublisher(link), new OutboxPublisherOptions { MaxBatchDelay = TimeSpan.FromMilliseconds(50) });

        publisher.Start();
        outbox.Append([new Reading(0, Start.AddHours(1).UtcTicks, 1, 0.1, DataFlag.N, FlagReason.None)], [], []);
        durable.Advance(outbox.DurableSequence);
        var last = outbox.LastSequence;
        await Poll.UntilAsync(() => outbox.AcknowledgedPrefix >= last, Timeout, () => $"acknowledged prefix {outbox.AcknowledgedPrefix} of {last}");
        await Poll.UntilAsync(() => Covered(subscriber.Messages) >= last, Timeout, () => $"sequences 1..{last}; covered {Covered(subscriber.Messages)}");
        return subscriber.Messages;
    }

    private static long Covered(IEnumerable<ReceivedMessage> messages)
    {
        var covered = new HashSet<long>();
        foreach (var message in messages.Where(message => !message.Topic.EndsWith("/status", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(message.Payload);
            for (var sequence = document.RootElement.GetProperty("firstSequence").GetInt64(); sequence <= document.RootElement.GetProperty("lastSequence").GetInt64(); sequence++)
            {
                covered.Add(sequence);
            }
        }

        return covered.Count;
    }
}
