using System.Globalization;
using System.Text.Json;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Uplink;

namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// Turns outbox entries into contract messages. Readings are batched: a message holds consecutive sequences of
/// readings only, up to <see cref="UplinkEncoderOptions.MaxReadingsPerMessage"/> and
/// <see cref="UplinkEncoderOptions.MaxMessageBytes"/>. Aggregate records are batched the same way, consecutive records
/// of one period per message, up to <see cref="UplinkEncoderOptions.MaxAggregatesPerMessage"/> (or go alone in the
/// single form, <see cref="UplinkEncoderOptions.AggregateMessages"/>); an event goes alone in its message.
/// Every message thus carries exactly the sequences first..last, which is what lets the platform find gaps.
/// </summary>
public sealed class UplinkMessageEncoder : IUplinkEncoder
{
    private readonly string _gatewayId;
    private readonly Func<Guid> _storeIdOf;
    private readonly UplinkEncoderOptions _options;

    // Per reading only its own values are formatted: names, codes, units, flag letters and reason words are made once.
    private readonly (string Key, string Code, string Unit, string? Kind)[] _channels;
    private readonly string[] _flagNames;
    private readonly string[] _reasonNames;
    private readonly int _envelopeBytes;
    private readonly int _aggregateEnvelopeBytes;
    private readonly ContractReadingWriter _readingWriter;

    private string? _storeIdText;

    public UplinkMessageEncoder(string gatewayId, Guid storeId, ChannelTable channels, UplinkEncoderOptions? options = null)
        : this(gatewayId, () => storeId, channels, options)
    {
    }

    /// <param name="storeIdOf">
    /// The outbox's store id, asked for at the first message: the service's outbox may open only after the start
    /// (a full disk), and its id is known from then on.
    /// </param>
    public UplinkMessageEncoder(string gatewayId, Func<Guid> storeIdOf, ChannelTable channels, UplinkEncoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(gatewayId);
        ArgumentNullException.ThrowIfNull(storeIdOf);
        ArgumentNullException.ThrowIfNull(channels);
        _options = options ?? new UplinkEncoderOptions();
        _options.Validate();
        _gatewayId = gatewayId;
        _storeIdOf = storeIdOf;
        _channels = [.. channels.Channels.Select(channel => (channel.Key, channel.Code, channel.Unit, KindName(channel)))];
        _flagNames = NamesOf<DataFlag>(flag => (int)flag, flag => flag.ToString());
        _reasonNames = NamesOf<FlagReason>(reason => (int)reason, CamelCaseName);
        _envelopeBytes = ReadingsEnvelopeBytes();
        _aggregateEnvelopeBytes = AggregateBatchEnvelopeBytes();
        _readingWriter = new ContractReadingWriter(_channels, _flagNames, _reasonNames, FlagName, ReasonName);
    }

    public UplinkEncoderOptions Options => _options;

    /// <summary>Encodes entries (ascending by sequence) into messages in the same order. Safe to call from several threads.</summary>
    public IReadOnlyList<UplinkMessage> Encode(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var messages = new List<UplinkMessage>();

        // Each reading is serialized once, into this call's buffer; a message is its envelope around those bytes.
        // A reading takes about 200 bytes of JSON.
        using var batch = new ReadingsBatch(256 * Math.Clamp(entries.Count, 1, _options.MaxReadingsPerMessage));
        var aggregates = new AggregateRun();
        foreach (var entry in entries)
        {
            if (entry is OutboxReading reading)
            {
                FlushAggregates(aggregates, batch, messages);
                var start = batch.Items.WrittenCount;
                batch.ItemWriter.Reset();
                _readingWriter.Write(batch.ItemWriter, reading);
                var itemBytes = batch.Items.WrittenCount - start;
                var contiguous = batch.Count == 0 || batch.LastSequence + 1 == reading.Sequence;

                // The envelope's two sequence numbers grow by at most 2 × 19 digits over the empty one measured.
                var wouldBe = _envelopeBytes + 40 + (start - batch.Start) + itemBytes + batch.Count;
                if (batch.Count > 0 && (!contiguous || batch.Count >= _options.MaxReadingsPerMessage || wouldBe > _options.MaxMessageBytes))
                {
                    messages.Add(EncodeReadings(batch));
                    batch.StartNext(start);
                }

                batch.Add(reading.Sequence, itemBytes);
                continue;
            }

            if (batch.Count > 0)
            {
                messages.Add(EncodeReadings(batch));
                batch.StartNext(batch.Items.WrittenCount);
            }

            if (entry is OutboxAggregate batched && _options.AggregateMessages == AggregateMessageForm.Batch)
            {
                AddAggregate(aggregates, batched, batch, messages);
                continue;
            }

            FlushAggregates(aggregates, batch, messages);
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

        FlushAggregates(aggregates, batch, messages);
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

    // Every id has the same length, so the envelope is measured with the empty one; the real one is kept once known.
    private string StoreIdText
    {
        get
        {
            if (_storeIdText is { } known)
            {
                return known;
            }

            var id = _storeIdOf();
            var text = id.ToString("D");
            if (id != Guid.Empty)
            {
                _storeIdText = text;
            }

            return text;
        }
    }

    private int AggregateBatchEnvelopeBytes() =>
        JsonSerializer.SerializeToUtf8Bytes(
            new AggregateBatchMessage(_gatewayId, UplinkContract.SchemaVersion, Guid.Empty.ToString("D"), 0, 0, []),
            UplinkJsonContext.Default.AggregateBatchMessage).Length;

    // A record joins the run it continues (same period, next sequence) while the run stays within the limits;
    // otherwise the run goes out and the record starts the next.
    private void AddAggregate(AggregateRun run, OutboxAggregate entry, ReadingsBatch scratch, List<UplinkMessage> messages)
    {
        var item = JsonSerializer.SerializeToUtf8Bytes(ToContract(entry), UplinkJsonContext.Default.ContractAggregate);

        // As for readings: the two sequence numbers grow by at most 2 × 19 digits, and a comma separates each item.
        var wouldBe = _aggregateEnvelopeBytes + 40 + run.Bytes + item.Length + run.Count;
        if (run.Count > 0 && (!run.Continues(entry.Kind, entry.Sequence) || run.Count >= _options.MaxAggregatesPerMessage || wouldBe > _options.MaxMessageBytes))
        {
            FlushAggregates(run, scratch, messages);
        }

        run.Add(entry.Kind, entry.Sequence, item);
    }

    // The same bytes JsonSerializer writes for an AggregateBatchMessage (a test holds the two equal).
    private void FlushAggregates(AggregateRun run, ReadingsBatch scratch, List<UplinkMessage> messages)
    {
        if (run.Count == 0)
        {
            return;
        }

        var writer = StartEnvelope(scratch, run.FirstSequence, run.LastSequence, "records"u8);
        foreach (var item in run.Items)
        {
            writer.WriteRawValue(item, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        messages.Add(new UplinkMessage(TopicSuffixOf(run.Kind), scratch.Message.WrittenSpan.ToArray(), new SequenceRange(run.FirstSequence, run.LastSequence), run.Kind));
        run.Clear();
    }

    // The envelope both batch forms share, up to the opening of their array: gatewayId, schemaVersion, storeId and the
    // sequence range, in the declaration order of ReadingsMessage and AggregateBatchMessage.
    private Utf8JsonWriter StartEnvelope(ReadingsBatch scratch, long firstSequence, long lastSequence, ReadOnlySpan<byte> arrayName)
    {
        scratch.Message.Clear();
        var writer = scratch.MessageWriter;
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteString("gatewayId"u8, _gatewayId);
        writer.WriteNumber("schemaVersion"u8, UplinkContract.SchemaVersion);
        writer.WriteString("storeId"u8, StoreIdText);
        writer.WriteNumber("firstSequence"u8, firstSequence);
        writer.WriteNumber("lastSequence"u8, lastSequence);
        writer.WriteStartArray(arrayName);
        return writer;
    }

    private int ReadingsEnvelopeBytes() =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ReadingsMessage(_gatewayId, UplinkContract.SchemaVersion, Guid.Empty.ToString("D"), 0, 0, []),
            UplinkJsonContext.Default.ReadingsMessage).Length;

    // The same bytes JsonSerializer writes for a ReadingsMessage (camelCase, in declaration order; a test holds the two
    // equal), around the readings already serialized in the batch.
    private UplinkMessage EncodeReadings(ReadingsBatch batch)
    {
        var writer = StartEnvelope(batch, batch.FirstSequence, batch.LastSequence, "readings"u8);
        var offset = batch.Start;
        foreach (var length in batch.ItemLengths)
        {
            writer.WriteRawValue(batch.Items.WrittenSpan.Slice(offset, length), skipInputValidation: true);
            offset += length;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return new UplinkMessage(UplinkContract.ReadingsTopic, batch.Message.WrittenSpan.ToArray(), new SequenceRange(batch.FirstSequence, batch.LastSequence), OutboxRecordKind.Reading);
    }

    private UplinkMessage EncodeAggregate(OutboxAggregate entry)
    {
        var message = new AggregateMessage(_gatewayId, UplinkContract.SchemaVersion, StoreIdText, entry.Sequence, entry.Sequence, ToContract(entry));
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, UplinkJsonContext.Default.AggregateMessage);
        return new UplinkMessage(TopicSuffixOf(entry.Kind), payload, new SequenceRange(entry.Sequence, entry.Sequence), entry.Kind);
    }

    private ContractAggregate ToContract(OutboxAggregate entry)
    {
        var record = entry.Record;
        var channel = Describe(record.Channel);
        return new ContractAggregate(
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
            record.TotalCount,
            FlagCountsOf(record.Counts));
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
        var message = new EventMessage(_gatewayId, UplinkContract.SchemaVersion, StoreIdText, entry.Sequence, entry.Sequence, item);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, UplinkJsonContext.Default.EventMessage);
        return new UplinkMessage(UplinkContract.EventsTopic, payload, new SequenceRange(entry.Sequence, entry.Sequence), OutboxRecordKind.Event);
    }

    // A value this build does not know (a newer gateway wrote the record) is named on the spot.
    private string FlagName(DataFlag flag) =>
        (int)flag < _flagNames.Length && _flagNames[(int)flag] is { } name ? name : flag.ToString();

    private string ReasonName(FlagReason reason) =>
        (int)reason < _reasonNames.Length && _reasonNames[(int)reason] is { } name ? name : CamelCaseName(reason);

    // A record whose channel the table no longer has (the config changed since it was stored) still goes out, named
    // by its index, rather than blocking the queue behind it forever.
    private (string Key, string Code, string Unit, string? Kind) Describe(int channel) =>
        channel >= 0 && channel < _channels.Length
            ? _channels[channel]
            : ("#" + channel.ToString(CultureInfo.InvariantCulture), string.Empty, string.Empty, null);

    // Measured values carry no kind, so their messages stay as they were; a run state says what its value is.
    // A totaliser keeps its own channel in JSON, marked so a consumer does not read its counter as a concentration.
    private static string? KindName(ChannelDefinition channel) => channel.Kind == ChannelKind.RunState ? "runState" : channel.IsTotal ? "total" : null;

    private static string CamelCaseName(FlagReason reason) => JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());

    // Indexed by the enum's value (DataFlag and FlagReason are small, dense from 0).
    private static string[] NamesOf<TEnum>(Func<TEnum, int> value, Func<TEnum, string> name)
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var names = new string[values.Max(value) + 1];
        foreach (var each in values)
        {
            names[value(each)] = name(each);
        }

        return names;
    }

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

    // A flag no item carries is left out (null is not written), so the usual record stays short: {"N":60}.
    private static ContractFlagCounts FlagCountsOf(FlagCounts counts) => new(
        OrNull(counts.N), OrNull(counts.F), OrNull(counts.M), OrNull(counts.S),
        OrNull(counts.D), OrNull(counts.C), OrNull(counts.T), OrNull(counts.B));

    private static int? OrNull(int count) => count == 0 ? null : count;

    // JSON has no NaN or infinity; "no value" is null.
    private static double? NumberOrNull(double value) => double.IsFinite(value) ? value : null;

    private static string Timestamp(DateTimeOffset time) => ContractTime.ToText(time);
}
