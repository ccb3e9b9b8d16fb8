using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink;

namespace EdgeGateway.DataFlow.Tests.Uplink;

internal static class UplinkTestData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Short delays so publisher tests finish in milliseconds.</summary>
    public static OutboxPublisherOptions FastPublisherOptions { get; } = new()
    {
        BatchSize = 50,
        MaxBatchDelay = TimeSpan.FromMilliseconds(20),
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

    /// <summary>Appends as <see cref="AppendReadings(IOutbox, int)"/> and tells the publisher, as the appender does.</summary>
    public static void AppendReadings(IOutbox outbox, DurableSequenceSignal durable, int count)
    {
        AppendReadings(outbox, count);
        durable.Advance(outbox.DurableSequence);
    }

    public static AggregateRecord MinuteRecord(int channel) => SampleMinuteRecords.Of(channel, Start);

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
