using System.Text.Json;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink.Contract;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink;

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
        outbox.Acknowledge(OutboxDestinations.Mqtt, 4, 5);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels());

        var messages = encoder.Encode(outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, 0, 100));

        Assert.Equal([new SequenceRange(1, 3), new SequenceRange(6, 10)], messages.Select(message => message.Range));
    }

    [Fact]
    public void Aggregates_and_events_go_one_per_message_on_their_topics()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 3);
        outbox.Append([], [UplinkTestData.MinuteRecord(0)], [UplinkTestData.DoorEvent()]);
        UplinkTestData.AppendReadings(outbox, 2);
        var single = new UplinkEncoderOptions { AggregateMessages = AggregateMessageForm.Single };
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels(), single);

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

    // Issue 17, item 11: minute records lacked the per-flag counts docs/data-quality.md promised, so a platform could
    // not tell a D minute with maintenance samples in it from a minute of analyzer faults.
    [Fact]
    public void Minute_records_carry_their_per_flag_counts_so_maintenance_can_be_told_from_a_fault()
    {
        using var outbox = new InMemoryOutbox();
        var mixed = UplinkTestData.MinuteRecord(0) with { Counts = new FlagCounts(40, 0, 15, 0, 5, 0, 0, 0), Flag = DataFlag.M };
        var empty = UplinkTestData.MinuteRecord(1) with { Counts = default, Flag = DataFlag.B, IsValid = false, ValidCount = 0 };
        outbox.Append([], [mixed, empty], []);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, UplinkTestData.Channels());

        var messages = encoder.Encode(outbox.Read(0, 100));

        var records = AggregateRecords.Of(Assert.Single(messages).Payload);
        var counts = records[0].GetProperty("flagCounts");
        Assert.Equal(
            [("N", 40), ("M", 15), ("D", 5)],
            counts.EnumerateObject().Select(flag => (flag.Name, flag.Value.GetInt32())));
        Assert.Empty(records[1].GetProperty("flagCounts").EnumerateObject());
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

    [Fact]
    public void A_run_state_reading_says_its_kind_and_a_measured_one_has_none()
    {
        using var outbox = new InMemoryOutbox();
        var channels = new ChannelTable(
        [
            new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
            new ChannelDefinition(1, "cems", "desulfurizer", "SB1", "", null, ChannelKind.RunState),
        ]);
        var time = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        outbox.Append([new Reading(0, time, 30, 30, DataFlag.N, FlagReason.None), new Reading(1, time, 7, double.NaN, DataFlag.D, FlagReason.UnknownRunState), new Reading(1, time + 1, 1, 1, DataFlag.N, FlagReason.None)], [], []);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, channels);

        using var document = JsonDocument.Parse(Assert.Single(encoder.Encode(outbox.Read(0, 100))).Payload);

        var readings = document.RootElement.GetProperty("readings");
        Assert.False(readings[0].TryGetProperty("kind", out _));
        Assert.Equal(("runState", "SB1", "unknownRunState", 7.0), (readings[1].GetProperty("kind").GetString(), readings[1].GetProperty("code").GetString(), readings[1].GetProperty("reason").GetString(), readings[1].GetProperty("raw").GetDouble()));
        Assert.False(readings[1].TryGetProperty("value", out _));
        Assert.Equal(("runState", 1.0), (readings[2].GetProperty("kind").GetString(), readings[2].GetProperty("value").GetDouble()));
    }

    [Fact]
    public void A_readings_payload_is_byte_for_byte_what_the_serializer_writes_for_its_message()
    {
        using var outbox = new InMemoryOutbox();
        UplinkTestData.AppendReadings(outbox, 30);
        var time = UplinkTestData.Start.AddMinutes(5).UtcTicks;
        outbox.Append(
            [
                new Reading(7, time, 1, 2, DataFlag.C, FlagReason.AnalyzerCalibration),
                new Reading(1, time, double.PositiveInfinity, -0.000125, DataFlag.T, FlagReason.AboveRange),
                new Reading(0, time, 1e300, 123456789.125, DataFlag.M, FlagReason.MaintenanceWindow),
            ],
            [],
            []);
        var encoder = new UplinkMessageEncoder("gw-\"quoted\"-ü", outbox.StoreId, UplinkTestData.Channels(), new UplinkEncoderOptions { MaxReadingsPerMessage = 12, MaxMessageBytes = 1500 });

        var messages = encoder.Encode(outbox.Read(0, 100));

        Assert.True(messages.Count > 3);
        Assert.Equal(33, messages.Sum(message => message.Range.Count));
        foreach (var message in messages)
        {
            var parsed = JsonSerializer.Deserialize(message.Payload, UplinkJsonContext.Default.ReadingsMessage)!;
            Assert.Equal(message.Range, new SequenceRange(parsed.FirstSequence, parsed.LastSequence));
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(parsed, UplinkJsonContext.Default.ReadingsMessage), message.Payload);
            Assert.True(message.Payload.Length <= 1500, $"{message.Payload.Length} bytes");
        }

        var last = messages.SelectMany(message => JsonSerializer.Deserialize(message.Payload, UplinkJsonContext.Default.ReadingsMessage)!.Readings).ToArray();
        Assert.Equal(("#7", "C", "analyzerCalibration"), (last[^3].Channel, last[^3].Flag, last[^3].Reason));
        Assert.Equal(("T", "aboveRange", (double?)null), (last[^2].Flag, last[^2].Reason, last[^2].Raw));
    }

    // Issue 18: readings are written without the serializer (ContractReadingWriter); this holds its bytes to what the
    // serializer writes for the same contract records, for the fields the test above does not vary: a run state's kind,
    // a key and unit the encoder escapes, milliseconds (truncated), years and months of every width, flag and reason
    // values this build has no name for.
    [Fact]
    public void A_reading_written_directly_is_byte_for_byte_what_the_serializer_writes_for_its_record()
    {
        using var outbox = new InMemoryOutbox();
        var channels = new ChannelTable(
        [
            new ChannelDefinition(0, "cems \"a\"", "so2<", "a21026", "mg/m³ & µg", null),
            new ChannelDefinition(1, "cems", "desulfurizer", "SB1", "", null, ChannelKind.RunState),
        ]);
        var times = new[]
        {
            new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_239_999),
            new DateTime(999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9_999),
            new DateTime(2031, 10, 9, 7, 5, 3, 7, DateTimeKind.Utc),
        };
        outbox.Append(
            [
                new Reading(0, times[0].Ticks, 30.25, -1e-7, DataFlag.N, FlagReason.None),
                new Reading(1, times[1].Ticks, 7, double.NaN, DataFlag.D, FlagReason.UnknownRunState),
                new Reading(1, times[2].Ticks, double.NegativeInfinity, 1, (DataFlag)200, (FlagReason)250),
                new Reading(0, times[2].Ticks, double.MaxValue, double.Epsilon, DataFlag.B, FlagReason.NoAnswer),
            ],
            [],
            []);
        var encoder = new UplinkMessageEncoder("gw-1", outbox.StoreId, channels);

        var message = Assert.Single(encoder.Encode(outbox.Read(0, 100)));

        var parsed = JsonSerializer.Deserialize(message.Payload, UplinkJsonContext.Default.ReadingsMessage)!;
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(parsed, UplinkJsonContext.Default.ReadingsMessage), message.Payload);
        Assert.Equal(["2026-03-01T08:00:00.123Z", "0999-12-31T23:59:59.999Z", "2031-10-09T07:05:03.007Z", "2031-10-09T07:05:03.007Z"], parsed.Readings.Select(reading => reading.Time));
        Assert.Equal([null, "runState", "runState", null], parsed.Readings.Select(reading => reading.Kind));
        Assert.Equal(("200", "250"), (parsed.Readings[2].Flag, parsed.Readings[2].Reason));
        Assert.Equal("cems \"a\".so2<", parsed.Readings[0].Channel);
    }
}
