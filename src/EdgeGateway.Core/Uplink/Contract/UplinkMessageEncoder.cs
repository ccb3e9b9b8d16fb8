using System.Globalization;
using System.Text.Json;
using EdgeGateway.Core.Aggregation;
using EdgeGateway.Core.Pipeline;
using EdgeGateway.Core.Storage;
using EdgeGateway.Core.Uplink;

namespace EdgeGateway.Core.Uplink.Contract;

/// <summary>
/// Turns outbox entries into contract messages. Readings are batched: a message holds consecutive sequences of
/// readings only, up to <see cref="UplinkEncoderOptions.MaxReadingsPerMessage"/> and
/// <see cref="UplinkEncoderOptions.MaxMessageBytes"/>; an aggregate record or an event goes alone in its message.
/// Every message thus carries exactly the sequences first..last, which is what lets the platform find gaps.
/// </summary>
public sealed class UplinkMessageEncoder : IUplinkEncoder
{
    private readonly string _gatewayId;
    private readonly string _storeId;
    private readonly ChannelTable _channels;
    private readonly UplinkEncoderOptions _options;

    public UplinkMessageEncoder(string gatewayId, Guid storeId, ChannelTable channels, UplinkEncoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(gatewayId);
        ArgumentNullException.ThrowIfNull(channels);
        _options = options ?? new UplinkEncoderOptions();
        _options.Validate();
        _gatewayId = gatewayId;
        _storeId = storeId.ToString("D");
        _channels = channels;
    }

    public UplinkEncoderOptions Options => _options;

    /// <summary>Encodes entries (ascending by sequence) into messages in the same order.</summary>
    public IReadOnlyList<UplinkMessage> Encode(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var messages = new List<UplinkMessage>();
        var batch = new List<ContractReading>();
        var batchBytes = 0;
        var envelopeBytes = ReadingsEnvelopeBytes();

        foreach (var entry in entries)
        {
            if (entry is OutboxReading reading)
            {
                var item = ToContract(reading);
                var itemBytes = JsonSerializer.SerializeToUtf8Bytes(item, UplinkJsonContext.Default.ContractReading).Length;
                var contiguous = batch.Count == 0 || batch[^1].Sequence + 1 == reading.Sequence;

                // The envelope's two sequence numbers grow by at most 2 × 19 digits over the empty one measured.
                var wouldBe = envelopeBytes + 40 + batchBytes + itemBytes + batch.Count;
                if (batch.Count > 0 && (!contiguous || batch.Count >= _options.MaxReadingsPerMessage || wouldBe > _options.MaxMessageBytes))
                {
                    messages.Add(EncodeReadings(batch));
                    batch = [];
                    batchBytes = 0;
                }

                batch.Add(item);
                batchBytes += itemBytes;
                continue;
            }

            if (batch.Count > 0)
            {
                messages.Add(EncodeReadings(batch));
                batch = [];
                batchBytes = 0;
            }

            messages.Add(entry switch
            {
                OutboxAggregate aggregate => EncodeAggregate(aggregate),
                OutboxEvent gatewayEvent => EncodeEvent(gatewayEvent),
                _ => throw new ArgumentException($"Unknown outbox entry {entry.GetType().Name}.", nameof(entries)),
            });
        }

        if (batch.Count > 0)
        {
            messages.Add(EncodeReadings(batch));
        }

        return messages;
    }

    /// <summary>The topic below the root for a kind of record.</summary>
    public static string TopicSuffixOf(OutboxRecordKind kind) => kind switch
    {
        OutboxRecordKind.Reading => UplinkContract.ReadingsTopic,
        OutboxRecordKind.MinuteRecord => UplinkContract.MinuteAggregatesTopic,
        OutboxRecordKind.HourRecord => UplinkContract.HourAggregatesTopic,
        OutboxRecordKind.DayRecord => UplinkContract.DayAggregatesTopic,
        OutboxRecordKind.Event => UplinkContract.EventsTopic,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an outbox record kind"),
    };

    private int ReadingsEnvelopeBytes() =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ReadingsMessage(_gatewayId, UplinkContract.SchemaVersion, _storeId, 0, 0, []),
            UplinkJsonContext.Default.ReadingsMessage).Length;

    private UplinkMessage EncodeReadings(List<ContractReading> batch)
    {
        var message = new ReadingsMessage(_gatewayId, UplinkContract.SchemaVersion, _storeId, batch[0].Sequence, batch[^1].Sequence, batch);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, UplinkJsonContext.Default.ReadingsMessage);
        return new UplinkMessage(UplinkContract.ReadingsTopic, payload, new SequenceRange(message.FirstSequence, message.LastSequence), OutboxRecordKind.Reading);
    }

    private UplinkMessage EncodeAggregate(OutboxAggregate entry)
    {
        var record = entry.Record;
        var channel = Describe(record.Channel);
        var item = new ContractAggregate(
            entry.Sequence,
            record.Outlet,
            channel.Key,
            channel.Code,
            channel.Unit,
            PeriodName(record.Period),
            Timestamp(record.StartUtc),
            Timestamp(record.EndUtc),
            NumberOrNull(record.Min),
            NumberOrNull(record.Avg),
            NumberOrNull(record.Max),
            NumberOrNull(record.ZsMin),
            NumberOrNull(record.ZsAvg),
            NumberOrNull(record.ZsMax),
            NumberOrNull(record.Cou),
            record.IsValid,
            record.Flag.ToString(),
            record.ExpectedCount,
            record.ValidCount,
            record.TotalCount);
        var message = new AggregateMessage(_gatewayId, UplinkContract.SchemaVersion, _storeId, entry.Sequence, entry.Sequence, item);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, UplinkJsonContext.Default.AggregateMessage);
        return new UplinkMessage(TopicSuffixOf(entry.Kind), payload, new SequenceRange(entry.Sequence, entry.Sequence), entry.Kind);
    }

    private UplinkMessage EncodeEvent(OutboxEvent entry)
    {
        var gatewayEvent = entry.Event;
        var item = new ContractEvent(
            entry.Sequence,
            Timestamp(gatewayEvent.Time),
            gatewayEvent.Kind.ToWireName(),
            gatewayEvent.Source,
            gatewayEvent.Text,
            DetailOf(gatewayEvent.DetailJson));
        var message = new EventMessage(_gatewayId, UplinkContract.SchemaVersion, _storeId, entry.Sequence, entry.Sequence, item);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, UplinkJsonContext.Default.EventMessage);
        return new UplinkMessage(UplinkContract.EventsTopic, payload, new SequenceRange(entry.Sequence, entry.Sequence), OutboxRecordKind.Event);
    }

    private ContractReading ToContract(OutboxReading entry)
    {
        var reading = entry.Reading;
        var channel = Describe(reading.Channel);
        return new ContractReading(
            entry.Sequence,
            channel.Key,
            channel.Code,
            channel.Unit,
            Timestamp(reading.Timestamp),
            NumberOrNull(reading.Value),
            NumberOrNull(reading.Raw),
            reading.Flag.ToString(),
            JsonNamingPolicy.CamelCase.ConvertName(reading.Reason.ToString()));
    }

    // A record whose channel the table no longer has (the config changed since it was stored) still goes out, named
    // by its index, rather than blocking the queue behind it forever.
    private (string Key, string Code, string Unit) Describe(int channel) =>
        channel >= 0 && channel < _channels.Count
            ? (_channels[channel].Key, _channels[channel].Code, _channels[channel].Unit)
            : ("#" + channel.ToString(CultureInfo.InvariantCulture), string.Empty, string.Empty);

    // A detail that is not a JSON object is left out: the schema promises an object, and the text says it all anyway.
    private static JsonElement? DetailOf(string? detailJson)
    {
        if (string.IsNullOrWhiteSpace(detailJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(detailJson);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string PeriodName(AggregatePeriod period) => period switch
    {
        AggregatePeriod.Minute => "minute",
        AggregatePeriod.Hour => "hour",
        _ => "day",
    };

    // JSON has no NaN or infinity; "no value" is null.
    private static double? NumberOrNull(double value) => double.IsFinite(value) ? value : null;

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
