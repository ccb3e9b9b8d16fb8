using EdgeGateway.Core.Aggregation;
using EdgeGateway.Core.Pipeline;
using EdgeGateway.Core.Storage;
using EdgeGateway.Core.Uplink;

namespace EdgeGateway.Core.Tests.Uplink;

internal static class UplinkTestData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Short delays so publisher tests finish in milliseconds.</summary>
    public static OutboxPublisherOptions FastPublisherOptions { get; } = new()
    {
        BatchSize = 50,
        MaxBatchDelay = TimeSpan.FromMilliseconds(20),
        BacklogMessagesPerSecond = 1000,
        PollInterval = TimeSpan.FromMilliseconds(5),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    public static ChannelTable Channels() => new(
    [
        new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(1, "cems", "nox", "a21002", "mg/m³", null),
    ]);

    /// <summary>Appends <paramref name="count"/> readings, every tenth without a value (flag B).</summary>
    public static void AppendReadings(IOutbox outbox, int count)
    {
        var readings = new Reading[count];
        var first = outbox.LastSequence;
        for (var i = 0; i < count; i++)
        {
            var time = Start.AddSeconds(first + i);
            readings[i] = i % 10 == 9
                ? new Reading(i % 2, time.UtcTicks, double.NaN, double.NaN, DataFlag.B, FlagReason.NoAnswer)
                : new Reading(i % 2, time.UtcTicks, 4000 + i, 12.5 + i, DataFlag.N, FlagReason.None);
        }

        outbox.Append(readings, [], []);
    }

    public static AggregateRecord MinuteRecord(int channel) => new()
    {
        Outlet = "DA001",
        Channel = channel,
        Period = AggregatePeriod.Minute,
        StartUtc = Start,
        StartLocal = Start.ToOffset(TimeSpan.FromHours(8)),
        Length = TimeSpan.FromMinutes(1),
        Min = 1,
        Avg = 2,
        Max = 3,
        ZsMin = double.NaN,
        ZsAvg = double.NaN,
        ZsMax = double.NaN,
        Cou = double.NaN,
        IsValid = true,
        Flag = DataFlag.N,
        ExpectedCount = 60,
        Counts = new FlagCounts(60, 0, 0, 0, 0, 0, 0, 0),
        ValidCount = 60,
    };

    public static GatewayEvent DoorEvent() =>
        new(Start, GatewayEventKind.Door, "door", "cabinet door opened", """{"open":true}""");

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true in time.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
