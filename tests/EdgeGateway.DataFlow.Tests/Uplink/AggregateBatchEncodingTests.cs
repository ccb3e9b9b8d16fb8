using System.Text.Json;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink.Contract;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>
/// The batch form of <c>aggregates/minute|hour|day</c> (docs/platform-contract.md): consecutive records of one period
/// per message, first..last covering exactly them, each record with its own sequence.
/// </summary>
public sealed class AggregateBatchEncodingTests
{
    // The defect: a minute closing with one record per channel made one message per record, 62 % of a day's backlog
    // of 100 channels (144,000 of 230,400 messages).
    [Fact]
    public void A_minute_of_records_went_one_per_message_and_now_goes_in_one_batch_with_per_record_sequences()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 3);
        outbox.Append([], [UplinkTestData.MinuteRecord(0), UplinkTestData.MinuteRecord(1), UplinkTestData.MinuteRecord(0)], [UplinkTestData.DoorEvent()]);
        outbox.Append([], [UplinkTestData.MinuteRecord(1) with { Period = AggregatePeriod.Hour }], []);
        UplinkTestData.AppendReadings(outbox, 2);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels());

        var messages = encoder.Encode(outbox.Read(0, 100));

        Assert.Equal(
            [("readings", "1-3"), ("aggregates/minute", "4-6"), ("events", "7"), ("aggregates/hour", "8"), ("readings", "9-10")],
            messages.Select(message => (message.TopicSuffix, message.Range.ToString())));
        using var minute = JsonDocument.Parse(messages[1].Payload);
        Assert.Equal(4, minute.RootElement.GetProperty("firstSequence").GetInt64());
        Assert.Equal(6, minute.RootElement.GetProperty("lastSequence").GetInt64());
        Assert.False(minute.RootElement.TryGetProperty("record", out _));
        var records = AggregateRecords.Of(minute.RootElement);
        Assert.Equal([4L, 5, 6], records.Select(record => record.GetProperty("sequence").GetInt64()));
        Assert.Equal(["cems.so2", "cems.nox", "cems.so2"], records.Select(record => record.GetProperty("channel").GetString()));
        var hour = Assert.Single(AggregateRecords.Of(messages[3].Payload));
        Assert.Equal("hour", hour.GetProperty("period").GetString());
    }

    [Fact]
    public void A_batch_of_records_breaks_at_a_gap_and_at_the_count_and_byte_limits()
    {
        using var outbox = new InMemoryOutbox();
        outbox.Append([], [.. Enumerable.Range(0, 9).Select(i => UplinkTestData.MinuteRecord(i % 2))], []);
        outbox.Acknowledge(OutboxDestinations.Mqtt, 4, 4);
        var entries = outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 0, 100);

        var byCount = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels(), new UplinkEncoderOptions { MaxAggregatesPerMessage = 3 }).Encode(entries);
        var byBytes = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels(), new UplinkEncoderOptions { MaxMessageBytes = 1200 }).Encode(entries);

        Assert.Equal(["1-3", "5-7", "8-9"], byCount.Select(message => message.Range.ToString()));
        Assert.True(byBytes.Count > 2, $"{byBytes.Count} messages");
        Assert.All(byBytes, message => Assert.True(message.Payload.Length <= 1200, $"{message.Payload.Length} bytes"));
        Assert.Equal(8, byBytes.Sum(message => message.Range.Count));
        Assert.All(byBytes, message => Assert.Equal(message.Range.Count, AggregateRecords.Of(message.Payload).Count));
    }

    [Fact]
    public void The_batch_envelope_is_what_the_serializer_writes()
    {
        using var outbox = new InMemoryOutbox();
        outbox.Append([], [UplinkTestData.MinuteRecord(0), UplinkTestData.MinuteRecord(7) with { ZsAvg = 1.5, Cou = double.NaN }], []);
        var encoder = new UplinkMessageEncoder("gw-\"quoted\"-ü", outbox.StoreId, UplinkTestData.Channels());

        var message = Assert.Single(encoder.Encode(outbox.Read(0, 100)));

        var parsed = JsonSerializer.Deserialize(message.Payload, UplinkJsonContext.Default.AggregateBatchMessage)!;
        Assert.Equal(message.Range, new SequenceRange(parsed.FirstSequence, parsed.LastSequence));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(parsed, UplinkJsonContext.Default.AggregateBatchMessage), message.Payload);
        Assert.Equal(("#7", 1.5), (parsed.Records[1].Channel, parsed.Records[1].ZsAvg));
    }

    [Fact]
    public void The_single_form_kept_by_configuration_sends_one_record_per_message()
    {
        using var outbox = new InMemoryOutbox();
        outbox.Append([], [UplinkTestData.MinuteRecord(0), UplinkTestData.MinuteRecord(1)], []);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels(), new UplinkEncoderOptions { AggregateMessages = AggregateMessageForm.Single });

        var messages = encoder.Encode(outbox.Read(0, 100));

        Assert.Equal(["1", "2"], messages.Select(message => message.Range.ToString()));
        using var first = JsonDocument.Parse(messages[0].Payload);
        Assert.Equal(1, first.RootElement.GetProperty("record").GetProperty("sequence").GetInt64());
        Assert.False(first.RootElement.TryGetProperty("records", out _));
    }
}
