using System.Text.Json;
using EdgeGateway.Core.Storage;
using EdgeGateway.Core.Uplink.Contract;
using Xunit;

namespace EdgeGateway.Core.Tests.Uplink;

public sealed class UplinkMessageEncoderTests
{
    [Fact]
    public void Readings_are_batched_up_to_the_count_limit_with_consecutive_ranges()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 25);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels(), new UplinkEncoderOptions { MaxReadingsPerMessage = 10 });

        var messages = encoder.Encode(outbox.Read(0, 100));

        Assert.Equal([10L, 10, 5], messages.Select(message => message.Range.Count));
        Assert.Equal([1L, 11, 21], messages.Select(message => message.Range.First));
        Assert.All(messages, message => Assert.Equal(UplinkContract.ReadingsTopic, message.TopicSuffix));
    }

    [Fact]
    public void Readings_are_batched_under_the_byte_limit()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 300);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels(), new UplinkEncoderOptions { MaxReadingsPerMessage = 1000, MaxMessageBytes = 2000 });

        var messages = encoder.Encode(outbox.Read(0, 1000));

        Assert.True(messages.Count > 1);
        Assert.All(messages, message => Assert.True(message.Payload.Length <= 2000, $"{message.Payload.Length} bytes"));
        Assert.Equal(300, messages.Sum(message => message.Range.Count));
    }

    [Fact]
    public void A_batch_breaks_where_the_sequences_are_not_consecutive()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 10);
        outbox.Acknowledge(4, 5);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels());

        var messages = encoder.Encode(outbox.ReadUnacknowledged(0, 100));

        Assert.Equal([new SequenceRange(1, 3), new SequenceRange(6, 10)], messages.Select(message => message.Range));
    }

    [Fact]
    public void Aggregates_and_events_go_one_per_message_on_their_topics()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 3);
        outbox.Append([], [UplinkTestData.MinuteRecord(0)], [UplinkTestData.DoorEvent()]);
        UplinkTestData.AppendReadings(outbox, 2);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels());

        var messages = encoder.Encode(outbox.Read(0, 100));

        Assert.Equal(
            [("readings", "1-3"), ("aggregates/minute", "4"), ("events", "5"), ("readings", "6-7")],
            messages.Select(message => (message.TopicSuffix, message.Range.ToString())));
        using var aggregate = JsonDocument.Parse(messages[1].Payload);
        var record = aggregate.RootElement.GetProperty("record");
        Assert.Equal("cems.so2", record.GetProperty("channel").GetString());
        Assert.Equal(2, record.GetProperty("avg").GetDouble());
        Assert.False(record.TryGetProperty("zsAvg", out _));
        using var gatewayEvent = JsonDocument.Parse(messages[2].Payload);
        Assert.Equal("door", gatewayEvent.RootElement.GetProperty("event").GetProperty("kind").GetString());
        Assert.True(gatewayEvent.RootElement.GetProperty("event").GetProperty("detail").GetProperty("open").GetBoolean());
    }

    [Fact]
    public void A_reading_carries_the_envelope_and_its_fields()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 10);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels());

        var message = Assert.Single(encoder.Encode(outbox.Read(0, 100)));

        using var document = JsonDocument.Parse(message.Payload);
        var root = document.RootElement;
        Assert.Equal("gw-1", root.GetProperty("gatewayId").GetString());
        Assert.Equal(UplinkContract.SchemaVersion, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(outbox.StoreId.ToString("D"), root.GetProperty("storeId").GetString());
        Assert.Equal(1, root.GetProperty("firstSequence").GetInt64());
        Assert.Equal(10, root.GetProperty("lastSequence").GetInt64());
        var first = root.GetProperty("readings")[0];
        Assert.Equal("cems.so2", first.GetProperty("channel").GetString());
        Assert.Equal("a21026", first.GetProperty("code").GetString());
        Assert.Equal("mg/m³", first.GetProperty("unit").GetString());
        Assert.Equal("2026-03-01T08:00:00.000Z", first.GetProperty("time").GetString());
        Assert.Equal(12.5, first.GetProperty("value").GetDouble());
        Assert.Equal("N", first.GetProperty("flag").GetString());
        Assert.Equal("none", first.GetProperty("reason").GetString());
        var noValue = root.GetProperty("readings")[9];
        Assert.False(noValue.TryGetProperty("value", out _));
        Assert.Equal("B", noValue.GetProperty("flag").GetString());
        Assert.Equal("noAnswer", noValue.GetProperty("reason").GetString());
    }
}
