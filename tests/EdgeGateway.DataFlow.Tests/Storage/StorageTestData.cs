using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>Readings, aggregate records and events to put into outboxes.</summary>
internal static class StorageTestData
{
    public static DateTimeOffset T0 { get; } = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// <paramref name="count"/> readings of <paramref name="channels"/> channels polled once a second from
    /// <paramref name="start"/>: plausible fractional values, integer raw register values, now and then a B reading
    /// (NaN) or a D reading, so the columns see what a site sends.
    /// </summary>
    public static Reading[] Readings(int count, DateTimeOffset start, int channels = 100, int firstIndex = 0)
    {
        var readings = new Reading[count];
        for (var i = 0; i < count; i++)
        {
            var index = firstIndex + i;
            var channel = index % channels;
            var time = start + TimeSpan.FromSeconds(index / channels);
            var raw = (double)(10_000 + (index * 7919 % 5000));
            var value = raw / 137.0;
            readings[i] = (index % 97) switch
            {
                0 => new Reading(channel, time.UtcTicks, double.NaN, double.NaN, DataFlag.B, FlagReason.NoAnswer),
                1 => new Reading(channel, time.UtcTicks, raw, value, DataFlag.D, FlagReason.Spike),
                _ => new Reading(channel, time.UtcTicks, raw, value, DataFlag.N, FlagReason.None),
            };
        }

        return readings;
    }

    public static AggregateRecord Aggregate(AggregatePeriod period, DateTimeOffset startUtc, int channel = 3) => new()
    {
        Outlet = "stack",
        Channel = channel,
        Period = period,
        StartUtc = startUtc,
        StartLocal = startUtc.ToOffset(TimeSpan.FromHours(8)),
        Length = period switch
        {
            AggregatePeriod.Minute => TimeSpan.FromMinutes(1),
            AggregatePeriod.Hour => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        },
        Min = 10.25,
        Avg = 12.5,
        Max = 20,
        ZsMin = double.NaN,
        ZsAvg = double.NaN,
        ZsMax = double.NaN,
        Cou = 1234.5678,
        IsValid = true,
        Flag = DataFlag.N,
        ExpectedCount = 60,
        Counts = new FlagCounts(55, 0, 1, 0, 2, 0, 0, 2),
        ValidCount = 55,
    };

    public static GatewayEvent Event(DateTimeOffset time, string text = "door opened", GatewayEventKind kind = GatewayEventKind.Door) =>
        new(time, kind, "door", text, """{"contact":"open"}""");

    /// <summary>Every entry's sequence, in the order read.</summary>
    public static long[] Sequences(IEnumerable<OutboxEntry> entries) => [.. entries.Select(entry => entry.Sequence)];

    /// <summary>All entries of an outbox, read in pages.</summary>
    public static List<OutboxEntry> ReadAll(IOutbox outbox, int page = 1_000)
    {
        var all = new List<OutboxEntry>();
        while (true)
        {
            var next = outbox.Read(all.Count == 0 ? 0 : all[^1].Sequence, page);
            if (next.Count == 0)
            {
                return all;
            }

            all.AddRange(next);
        }
    }

    public static long[] Range(long first, long last) => [.. Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i)];
}
