using System.Globalization;
using System.Text;
using EdgeGateway.Interop.Tests.Mqtt;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>The field trial's checker judges an analyzer's outage by what the gateway promises, no tighter.</summary>
public sealed class LifeCheckerTests
{
    private static readonly TimeSpan OutageStart = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan OutageEnd = TimeSpan.FromSeconds(80);

    // Regression (fresh-clone CI of 9a619a8): the CEMS's Modbus TCP port came back 10 s into the reopen back-off's
    // 10 s cap; the gateway reconnected at the next attempt and read at once, 10.1 s after, and the checker, which
    // allowed 10 s, called the life failed. The promise is the reopen delay plus the next poll.
    [Fact]
    public void An_analyzer_back_after_the_longest_reopen_delay_and_one_poll_is_on_time()
    {
        var backAfter = FieldTrialCabinet.ReopenMaxDelay + FieldTrialCabinet.PollInterval;

        var checker = Check(backAfter);

        Assert.Empty(checker.Failures);
    }

    [Fact]
    public void An_analyzer_read_later_than_the_promise_is_a_recovery_failure()
    {
        var backAfter = LifeChecker.RecoveryWithin + TimeSpan.FromSeconds(2);

        var checker = Check(backAfter);

        Assert.Contains(checker.Failures, failure => failure.StartsWith("[recovery]", StringComparison.Ordinal));
        Assert.Contains(checker.Failures, failure => failure.StartsWith("[comm events] no comm-restored", StringComparison.Ordinal));
    }

    /// <summary>One CEMS channel read every second around a 40 s outage, first read again <paramref name="backAfter"/> after its end.</summary>
    private static LifeChecker Check(TimeSpan backAfter)
    {
        var timeline = FakeTimeline.Starting(TimeSpan.FromMinutes(2));
        var start = new ServiceStart(1, "the only start", timeline.At(TimeSpan.FromSeconds(-60))) { ReadyAt = timeline.At(TimeSpan.FromSeconds(-60)) };
        var outage = new AnalyzerOutage("cems", "cems-tcp", "40 s outage", timeline.At(OutageStart), timeline.At(OutageEnd));
        var lossAt = OutageStart + TimeSpan.FromSeconds(2);
        var backAt = OutageEnd + backAfter;
        var readings = new StringBuilder();
        long sequence = 0;
        for (var second = TimeSpan.FromSeconds(30); second <= backAt + TimeSpan.FromSeconds(5); second += FieldTrialCabinet.PollInterval)
        {
            var flag = second >= lossAt && second < backAt ? "B" : "N";
            var value = flag == "B" ? string.Empty : "\"value\":12.5,";
            readings.Append(readings.Length == 0 ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"sequence\":{++sequence},\"channel\":\"cems.so2\",\"time\":\"{timeline.At(second):O}\",{value}\"flag\":\"{flag}\"}}");
        }

        var messages = new List<ReceivedMessage>
        {
            Message("readings", $"{{\"storeId\":\"s\",\"firstSequence\":1,\"lastSequence\":{sequence},\"readings\":[{readings}]}}"),
            Event(++sequence, timeline.At(lossAt), "comm-loss"),
            Event(++sequence, timeline.At(backAt), "comm-restored"),
        };

        return new LifeChecker(CapturedStream.Parse(messages), [start], [outage], timeline).CheckOutages();
    }

    private static ReceivedMessage Event(long sequence, DateTimeOffset time, string kind) =>
        Message("events", $"{{\"storeId\":\"s\",\"firstSequence\":{sequence},\"lastSequence\":{sequence},\"event\":{{\"sequence\":{sequence},\"time\":\"{time:O}\",\"kind\":\"{kind}\",\"source\":\"cems\",\"text\":\"{kind}\"}}}}");

    private static ReceivedMessage Message(string topic, string json) =>
        new($"egw/trial/{topic}", Encoding.UTF8.GetBytes(json), false, null, null, null, []);
}
