using System.Text;
using System.Text.Json;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Testing.Uplink;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// What the platform subscriber captured, parsed with System.Text.Json by the trial itself (none of the gateway's
/// code): de-duplicated per (store id, sequence), as docs/platform-contract.md tells a platform to.
/// </summary>
internal sealed class CapturedStream
{
    private CapturedStream(
        IReadOnlyDictionary<string, SortedSet<long>> sequences,
        IReadOnlyList<CapturedReading> readings,
        IReadOnlyList<CapturedAggregate> aggregates,
        IReadOnlyList<CapturedEvent> events,
        IReadOnlyList<string> statuses,
        IReadOnlyList<string> unreadable)
    {
        Sequences = sequences;
        Readings = readings;
        Aggregates = aggregates;
        Events = events;
        Statuses = statuses;
        Unreadable = unreadable;
    }

    /// <summary>Every sequence covered by a data message, per store id.</summary>
    public IReadOnlyDictionary<string, SortedSet<long>> Sequences { get; }

    public IReadOnlyList<CapturedReading> Readings { get; }

    public IReadOnlyList<CapturedAggregate> Aggregates { get; }

    public IReadOnlyList<CapturedEvent> Events { get; }

    /// <summary>The status topic's "status" values in arrival order.</summary>
    public IReadOnlyList<string> Statuses { get; }

    /// <summary>Messages the checker could not read as the contract describes them.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public static CapturedStream Parse(IEnumerable<ReceivedMessage> messages)
    {
        var sequences = new Dictionary<string, SortedSet<long>>();
        var readings = new Dictionary<(string, long), CapturedReading>();
        var aggregates = new Dictionary<(string, long), CapturedAggregate>();
        var events = new Dictionary<(string, long), CapturedEvent>();
        var statuses = new List<string>();
        var unreadable = new List<string>();
        foreach (var message in messages)
        {
            try
            {
                using var document = JsonDocument.Parse(message.Payload);
                var root = document.RootElement;
                if (message.Topic.EndsWith("/status", StringComparison.Ordinal))
                {
                    statuses.Add(root.GetProperty("status").GetString() ?? "?");
                    continue;
                }

                var isReadings = message.Topic.EndsWith("/readings", StringComparison.Ordinal);
                var isAggregate = message.Topic.Contains("/aggregates/", StringComparison.Ordinal);
                var isEvent = message.Topic.EndsWith("/events", StringComparison.Ordinal);
                if (!(isReadings || isAggregate || isEvent))
                {
                    continue;
                }

                var store = root.GetProperty("storeId").GetString()!;
                var first = root.GetProperty("firstSequence").GetInt64();
                var last = root.GetProperty("lastSequence").GetInt64();
                if (!sequences.TryGetValue(store, out var covered))
                {
                    sequences[store] = covered = [];
                }

                for (var sequence = first; sequence <= last; sequence++)
                {
                    covered.Add(sequence);
                }

                if (isReadings)
                {
                    foreach (var reading in root.GetProperty("readings").EnumerateArray())
                    {
                        var parsed = new CapturedReading(
                            store,
                            reading.GetProperty("sequence").GetInt64(),
                            reading.GetProperty("channel").GetString()!,
                            reading.GetProperty("time").GetDateTimeOffset(),
                            reading.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null,
                            reading.GetProperty("flag").GetString()!,
                            reading.TryGetProperty("reason", out var reason) ? reason.GetString() ?? string.Empty : string.Empty);
                        readings[(store, parsed.Sequence)] = parsed;
                    }
                }
                else if (isAggregate)
                {
                    foreach (var record in AggregateRecords.Of(root))
                    {
                        var sequence = record.GetProperty("sequence").GetInt64();
                        aggregates[(store, sequence)] = new CapturedAggregate(
                            store,
                            sequence,
                            record.GetProperty("outlet").GetString()!,
                            record.GetProperty("channel").GetString()!,
                            record.GetProperty("period").GetString()!,
                            record.GetProperty("start").GetDateTimeOffset(),
                            record.GetProperty("valid").GetBoolean(),
                            record.GetProperty("flag").GetString()!,
                            ContentWithoutSequence(record));
                    }
                }
                else
                {
                    var item = root.GetProperty("event");
                    var sequence = item.GetProperty("sequence").GetInt64();
                    events[(store, sequence)] = new CapturedEvent(
                        store,
                        sequence,
                        item.GetProperty("time").GetDateTimeOffset(),
                        item.GetProperty("kind").GetString()!,
                        item.GetProperty("source").GetString()!,
                        item.GetProperty("text").GetString()!,
                        LostRanges(item));
                }
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                unreadable.Add($"{message.Topic}: {exception.Message}: {Truncate(message.Text)}");
            }
        }

        return new CapturedStream(
            sequences,
            [.. readings.Values.OrderBy(reading => reading.Time)],
            [.. aggregates.Values.OrderBy(record => record.Start)],
            [.. events.Values.OrderBy(item => item.Time)],
            statuses,
            unreadable);
    }

    private static string ContentWithoutSequence(JsonElement record)
    {
        var content = new StringBuilder();
        foreach (var property in record.EnumerateObject().Where(property => property.Name is not ("sequence" or "resent")).OrderBy(property => property.Name, StringComparer.Ordinal))
        {
            content.Append(property.Name).Append('=').Append(property.Value.GetRawText()).Append(' ');
        }

        return content.ToString().TrimEnd();
    }

    /// <summary>A data-evicted event's detail.lostRanges ([{first, last}]); none for other events.</summary>
    private static List<(long First, long Last)> LostRanges(JsonElement item)
    {
        var ranges = new List<(long, long)>();
        if (item.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Object
            && detail.TryGetProperty("lostRanges", out var lost) && lost.ValueKind == JsonValueKind.Array)
        {
            foreach (var range in lost.EnumerateArray())
            {
                ranges.Add((range.GetProperty("first").GetInt64(), range.GetProperty("last").GetInt64()));
            }
        }

        return ranges;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
