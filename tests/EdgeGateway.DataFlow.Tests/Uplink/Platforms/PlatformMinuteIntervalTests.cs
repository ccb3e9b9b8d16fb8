using System.Globalization;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink.Platforms;
using static EdgeGateway.DataFlow.Tests.Uplink.Platforms.HostRequestFlow;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>
/// MinInterval (1064, hj212-tcp.md part B statement 22) shapes the minute data a platform gets: with N above 1 its
/// 2051 records are N-minute records combined from the aggregation's 1-minute ones, windows aligned to the hour in site
/// time, and exactly the window's 1-minute records are acknowledged for it once the 2051 is through.
/// </summary>
public sealed class PlatformMinuteIntervalTests
{
    // Channel 0's minute averages and valid samples; channel 1 is one higher, and its minute 7 is a fault with no value.
    private static readonly double[] Averages = [1, 2, 3, 4, 10, 5, 5, 5, 5, 20];
    private static readonly int[] ValidSamples = [30, 30, 30, 30, 60, 30, 30, 30, 30, 60];

    [Fact]
    public async Task After_1064_MinInterval_5_ten_minute_records_go_as_two_5_minute_2051_acknowledged_only_when_their_window_is_through()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;
        var set = await RunAsync(host, kit.Request("1064", "MinInterval=5"), expect9012: true);

        for (var minute = 0; minute < 4; minute++)
        {
            AppendMinute(kit, minute);
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(host.ReceivedWith("2051"));
        Assert.Equal(8, kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount);

        for (var minute = 4; minute < 10; minute++)
        {
            AppendMinute(kit, minute);
        }

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "every minute record acknowledged for p1");
        var sent = host.ReceivedWith("2051");

        Assert.Equal("1", set.ExeRtn());
        Assert.Equal(["20260301160000", "20260301160500"], sent.Select(frame => frame.DataTime));
        // Window 16:00: Avg = (30×1 + 30×2 + 30×3 + 30×4 + 60×10) / 180 = 5 (the plain mean would be 4).
        AssertValues(sent[0], "a21026", min: 0.5, avg: 5, max: 10.5, cou: 7.5, flag: "N");
        AssertValues(sent[0], "a21002", min: 1.5, avg: 6, max: 11.5, cou: null, flag: "N");
        // Window 16:05: channel 0 (4 × 30 × 5 + 60 × 20) / 180 = 10; channel 1 without its faulty minute 7:
        // (3 × 30 × 6 + 60 × 21) / 150 = 12, flag D (4 of 5 minutes valid: valid, but one minute was a fault).
        AssertValues(sent[1], "a21026", min: 4.5, avg: 10, max: 20.5, cou: 7.5, flag: "N");
        AssertValues(sent[1], "a21002", min: 5.5, avg: 12, max: 21.5, cou: null, flag: "D");
        Assert.Equal(20, kit.Outbox.GetBacklog("mqtt").UnacknowledgedCount);
    }

    [Fact]
    public async Task A_5_minute_window_straddling_a_reconnect_goes_as_one_2051_with_its_backlog_and_live_minutes()
    {
        await using var kit = new PlatformTestKit();
        kit.Identities.Save("p1", new PlatformIdentity { MinuteIntervalMinutes = 5 });
        for (var minute = 0; minute < 3; minute++)
        {
            AppendMinute(kit, minute);
        }

        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(), connector);
        var host = await connector.NextHostAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(host.ReceivedWith("2051"));
        Assert.Equal(6, kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount);

        AppendMinute(kit, 3);
        AppendMinute(kit, 4);

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "the window's ten records acknowledged");
        var sent = Assert.Single(host.ReceivedWith("2051"));
        Assert.Equal("20260301160000", sent.DataTime);
        AssertValues(sent, "a21026", min: 0.5, avg: 5, max: 10.5, cou: 7.5, flag: "N");
    }

    [Fact]
    public async Task A_backlog_window_without_its_last_minute_goes_when_the_first_live_record_is_of_the_next_window()
    {
        await using var kit = new PlatformTestKit();
        kit.Identities.Save("p1", new PlatformIdentity { MinuteIntervalMinutes = 5 });
        for (var minute = 0; minute < 4; minute++)
        {
            AppendMinute(kit, minute);
        }

        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(), connector);
        var host = await connector.NextHostAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(host.ReceivedWith("2051"));

        // Minute 16:04 never came (the gateway was stopped); the first live record, 16:05, opens the next window.
        AppendMinute(kit, 5);

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 2, "the 16:00 window's eight records acknowledged");
        var sent = Assert.Single(host.ReceivedWith("2051"));
        Assert.Equal("20260301160000", sent.DataTime);
        // (30×1 + 30×2 + 30×3 + 30×4) / 120 = 2.5; 4 of 5 minutes valid is at least 75 %: valid, N.
        AssertValues(sent, "a21026", min: 0.5, avg: 2.5, max: 4.5, cou: 6, flag: "N");
    }

    [Fact]
    public async Task A_1064_back_to_1_mid_window_keeps_the_open_window_at_5_and_sends_the_next_minutes_as_they_are()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;
        await RunAsync(host, kit.Request("1064", "MinInterval=5"), expect9012: true);
        for (var minute = 0; minute < 3; minute++)
        {
            AppendMinute(kit, minute);
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
        var set = await RunAsync(host, kit.Request("1064", "MinInterval=1"), expect9012: true);
        AppendMinute(kit, 3);
        AppendMinute(kit, 5);

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "every minute record acknowledged for p1");
        var sent = host.ReceivedWith("2051");
        Assert.Equal("1", set.ExeRtn());
        Assert.Equal(["20260301160000", "20260301160500"], sent.Select(frame => frame.DataTime));
        // The 16:00 window was open at 5 minutes: its minutes 0-3, (30×1 + 30×2 + 30×3 + 30×4) / 120 = 2.5.
        AssertValues(sent[0], "a21026", min: 0.5, avg: 2.5, max: 4.5, cou: 6, flag: "N");
        AssertValues(sent[1], "a21026", min: 4.5, avg: 5, max: 5.5, cou: 1.5, flag: "N");
    }

    [Fact]
    public async Task With_MinInterval_1_every_minute_record_goes_as_its_own_2051_as_before()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;

        for (var minute = 0; minute < 3; minute++)
        {
            AppendMinute(kit, minute);
        }

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "every minute record acknowledged for p1");
        var sent = host.ReceivedWith("2051");
        Assert.Equal(["20260301160000", "20260301160100", "20260301160200"], sent.Select(frame => frame.DataTime));
        AssertValues(sent[1], "a21026", min: 1.5, avg: 2, max: 2.5, cou: 1.5, flag: "N");
    }

    [Fact]
    public async Task With_MinInterval_5_a_2051_history_request_answers_the_5_minute_windows_starting_in_its_range()
    {
        await using var kit = new PlatformTestKit();
        kit.Identities.Save("p1", new PlatformIdentity { MinuteIntervalMinutes = 5 });
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options() with { Uploads = PlatformUploads.Hour }, connector);
        var host = await connector.NextHostAsync();
        for (var minute = 0; minute < 10; minute++)
        {
            AppendMinute(kit, minute);
        }

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "minute records not uploaded");

        var flow = await RunAsync(host, kit.Request("2051", "BeginTime=20260301160000;EndTime=20260301160900"), expect9012: true);

        Assert.Equal("1", flow.ExeRtn());
        var answered = flow.Where(frame => frame.Cn == "2051").ToList();
        Assert.Equal(["20260301160000", "20260301160500"], answered.Select(frame => frame.DataTime));
        AssertValues(answered[0], "a21026", min: 0.5, avg: 5, max: 10.5, cou: 7.5, flag: "N");
        AssertValues(answered[1], "a21002", min: 5.5, avg: 12, max: 21.5, cou: null, flag: "D");
    }

    private static void AppendMinute(PlatformTestKit kit, int minute)
    {
        var start = PlatformTestKit.Start.AddMinutes(minute);
        AggregateRecord[] records = [Minute(0, start, minute), Minute(1, start, minute)];
        kit.Outbox.Append([], records, []);
        kit.Durability.Advance(kit.Outbox.DurableSequence);
    }

    private static AggregateRecord Minute(int channel, DateTimeOffset start, int minute)
    {
        var average = Averages[minute] + channel;
        var fault = channel == 1 && minute == 7;
        var valid = fault ? 0 : ValidSamples[minute];
        return SampleMinuteRecords.Of(channel, start) with
        {
            Min = fault ? double.NaN : average - 0.5,
            Avg = fault ? double.NaN : average,
            Max = fault ? double.NaN : average + 0.5,
            Cou = channel == 0 ? 1.5 : double.NaN,
            IsValid = !fault,
            Flag = fault ? DataFlag.D : DataFlag.N,
            Counts = fault ? new FlagCounts(0, 0, 0, 0, 60, 0, 0, 0) : new FlagCounts(valid, 0, 0, 0, 0, 0, 0, 0),
            ValidCount = valid,
        };
    }

    private static void AssertValues(ReceivedFrame frame, string code, double min, double avg, double max, double? cou, string flag)
    {
        var cp = frame.Packet.Cp;
        Assert.Equal(min, double.Parse(cp.GetValue(code + "-Min")!, CultureInfo.InvariantCulture), 3);
        Assert.Equal(avg, double.Parse(cp.GetValue(code + "-Avg")!, CultureInfo.InvariantCulture), 3);
        Assert.Equal(max, double.Parse(cp.GetValue(code + "-Max")!, CultureInfo.InvariantCulture), 3);
        Assert.Equal(cou, cp.GetValue(code + "-Cou") is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : null);
        Assert.Equal(flag, cp.GetValue(code + "-Flag"));
    }
}
