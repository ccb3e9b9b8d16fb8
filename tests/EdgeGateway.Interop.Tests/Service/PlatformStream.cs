using System.Text.Json;
using EdgeGateway.Interop.Tests.Mqtt;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>Reads what the platform received: sequence coverage, readings by channel, aggregates.</summary>
internal static class PlatformStream
{
    public static bool IsDataMessage(ReceivedMessage message) =>
        message.Topic.EndsWith("/readings", StringComparison.Ordinal)
        || message.Topic.Contains("/aggregates/", StringComparison.Ordinal)
        || message.Topic.EndsWith("/events", StringComparison.Ordinal);

    /// <summary>Every sequence number covered by a data message.</summary>
    public static HashSet<long> Covered(IEnumerable<ReceivedMessage> messages)
    {
        var covered = new HashSet<long>();
        foreach (var message in messages.Where(IsDataMessage))
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

    public static long HighestSequence(IEnumerable<ReceivedMessage> messages) =>
        messages.Where(IsDataMessage).Select(message =>
        {
            using var document = JsonDocument.Parse(message.Payload);
            return document.RootElement.GetProperty("lastSequence").GetInt64();
        }).DefaultIfEmpty(0).Max();

    /// <summary>The sequences in 1..highest that no message covered.</summary>
    public static IReadOnlyList<long> Gaps(IReadOnlyList<ReceivedMessage> messages)
    {
        var covered = Covered(messages);
        var highest = covered.Count == 0 ? 0 : covered.Max();
        var gaps = new List<long>();
        for (var sequence = 1L; sequence <= highest; sequence++)
        {
            if (!covered.Contains(sequence))
            {
                gaps.Add(sequence);
            }
        }

        return gaps;
    }

    /// <summary>Every reading received: (channel, value or null, flag).</summary>
    public static IReadOnlyList<(long Sequence, string Channel, double? Value, string Flag)> Readings(IEnumerable<ReceivedMessage> messages)
    {
        var readings = new List<(long, string, double?, string)>();
        foreach (var message in messages.Where(message => message.Topic.EndsWith("/readings", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(message.Payload);
            foreach (var reading in document.RootElement.GetProperty("readings").EnumerateArray())
            {
                double? value = reading.TryGetProperty("value", out var number) && number.ValueKind == JsonValueKind.Number ? number.GetDouble() : null;
                readings.Add((reading.GetProperty("sequence").GetInt64(), reading.GetProperty("channel").GetString()!, value, reading.GetProperty("flag").GetString()!));
            }
        }

        return readings;
    }

    /// <summary>Every reading of one channel with its poll time: (sequence, time, value or null, flag).</summary>
    public static IReadOnlyList<(long Sequence, DateTimeOffset Time, double? Value, string Flag)> Timed(IEnumerable<ReceivedMessage> messages, string channel)
    {
        var readings = new List<(long, DateTimeOffset, double?, string)>();
        foreach (var message in messages.Where(message => message.Topic.EndsWith("/readings", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(message.Payload);
            foreach (var reading in document.RootElement.GetProperty("readings").EnumerateArray().Where(reading => reading.GetProperty("channel").GetString() == channel))
            {
                double? value = reading.TryGetProperty("value", out var number) && number.ValueKind == JsonValueKind.Number ? number.GetDouble() : null;
                readings.Add((reading.GetProperty("sequence").GetInt64(), reading.GetProperty("time").GetDateTimeOffset(), value, reading.GetProperty("flag").GetString()!));
            }
        }

        return readings;
    }

    public static string Describe(IReadOnlyList<ReceivedMessage> messages)
    {
        var gaps = Gaps(messages);
        return $"{messages.Count} messages, highest sequence {HighestSequence(messages)}, {gaps.Count} missing"
            + (gaps.Count == 0 ? string.Empty : $" (first {string.Join(", ", gaps.Take(10))})");
    }
}
