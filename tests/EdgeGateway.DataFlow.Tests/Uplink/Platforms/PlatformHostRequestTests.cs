using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Uplink.Platforms;
using static EdgeGateway.DataFlow.Tests.Uplink.Platforms.HostRequestFlow;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>Host requests on the gateway's connection (hj212-tcp.md part B, statements 18-28 and 34).</summary>
public sealed class PlatformHostRequestTests
{
    [Fact]
    public async Task A_request_gets_9011_with_its_QN_then_data_packets_with_new_QNs_and_its_CN_then_9012()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;
        var request = kit.Request("1011");

        var flow = await RunAsync(host, request, expect9012: true);

        Assert.Equal(["9011", "1011", "9012"], flow.Select(frame => frame.Cn));
        Assert.Equal("1", flow[0].Packet.Cp.GetValue("QnRtn"));
        Assert.Equal("91", flow[0].Packet.St);
        Assert.Equal(request.Qn, flow[0].Packet.Qn);
        Assert.Equal(request.Qn, flow[2].Packet.Qn);
        Assert.NotEqual(request.Qn, flow[1].Packet.Qn);
        Assert.Equal("1", flow[2].Packet.Cp.GetValue("ExeRtn"));
        Assert.Equal("20260301160000", flow[1].Packet.Cp.GetValue(Hj212FieldNames.SystemTime));
    }

    [Fact]
    public async Task Replies_to_a_2025_platform_carry_Flag_8()
    {
        var (kit, _, host) = await ConnectAsync(PlatformTestKit.Options(edition: Hj212Edition.Edition2025));
        await using var disposeKit = kit;

        var flow = await RunAsync(host, kit.Request("1011"), expect9012: true);

        Assert.Equal(["9011", "1011", "9012"], flow.Select(frame => frame.Cn));
        Assert.All(flow, frame => Assert.Equal(8, frame.Packet.Flag!.Value.Value));
    }

    [Fact]
    public async Task A_wrong_PW_is_answered_QnRtn_3_and_no_9012_follows()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;

        var flow = await RunAsync(host, kit.Request("1011", pw: "000000"), expect9012: false);

        Assert.Equal("3", Assert.Single(flow).Packet.Cp.GetValue("QnRtn"));
    }

    [Theory]
    [InlineData("9999", "88888880000001", "32", "8")]
    [InlineData("1011", "88888880000002", "32", "4")]
    [InlineData("1011", "88888880000001", "21", "5")]
    public async Task A_wrong_MN_ST_or_an_unknown_CN_gets_its_QnRtn_and_no_9012(string cn, string mn, string st, string qnRtn)
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;

        var flow = await RunAsync(host, kit.Request(cn, mn: mn, st: st), expect9012: false);

        Assert.Equal(qnRtn, Assert.Single(flow).Packet.Cp.GetValue("QnRtn"));
    }

    [Fact]
    public async Task A_bad_CRC_is_answered_QnRtn_9_executes_nothing_and_is_counted()
    {
        var devices = new FakeDeviceCommands();
        var (kit, link, host) = await ConnectAsync(PlatformTestKit.Options() with { AllowedCommands = PlatformCommandPermissions.Default | PlatformCommandPermissions.SetTime }, devices);
        await using var disposeKit = kit;
        var request = kit.Request("1012", "SystemTime=20260301170000");
        var frame = Hj212FrameEncoder.EncodeToUtf8(request);
        frame[^6] = frame[^6] == (byte)'0' ? (byte)'1' : (byte)'0';

        await host.SendRawAsync(frame);
        var answer = await host.WaitForAsync(frames => frames.Any(f => f.Cn == "9011"), "the 9011");

        Assert.Equal("9", answer.Single(f => f.Cn == "9011").Packet.Cp.GetValue("QnRtn"));
        Assert.Empty(devices.Calls);
        Assert.Equal(1, link.Status.BadFrames);
    }

    [Fact]
    public async Task Split_and_merged_reads_and_bytes_outside_frames_are_tolerated()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;
        var first = kit.Request("1061");
        var second = kit.Request("1063");
        var bytes = Encoding.ASCII.GetBytes("noise#").Concat(Hj212FrameEncoder.EncodeToUtf8(first)).Concat(Encoding.ASCII.GetBytes("\r\n garbage ")).Concat(Hj212FrameEncoder.EncodeToUtf8(second)).ToArray();

        foreach (var chunk in bytes.Chunk(7))
        {
            await host.SendRawAsync(chunk);
        }

        var received = await host.WaitForAsync(frames => frames.Count(f => f.Cn == "9012") == 2, "both requests answered");
        Assert.Equal("30", received.Single(f => f.Cn == "1061").Packet.Cp.GetValue(Hj212FieldNames.RtdInterval));
        Assert.Equal("1", received.Single(f => f.Cn == "1063").Packet.Cp.GetValue(Hj212FieldNames.MinInterval));
    }

    [Fact]
    public async Task Command_1000_changes_OverTime_and_ReCount_for_later_exchanges_on_that_connection()
    {
        var (kit, link, host) = await ConnectAsync();
        await using var disposeKit = kit;
        await RunAsync(host, kit.Request("1000", "OverTime=20;ReCount=1"), expect9012: true);
        host.AnswerUploads = false;
        kit.AppendMinute(0);
        await host.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "the upload");

        kit.Time.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(0, link.Status.Resends);
        await kit.AdvanceUntilAsync(() => host.Closed, TimeSpan.FromSeconds(5), "given up after one re-send");
        Assert.Equal(1, link.Status.Resends);
        Assert.Equal(2, host.ReceivedWith("2051").Count);
    }

    [Fact]
    public async Task Command_1062_changes_the_real_time_interval_visible_through_1061_and_kept()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;

        var set = await RunAsync(host, kit.Request("1062", "RtdInterval=60"), expect9012: true);
        var get = await RunAsync(host, kit.Request("1061"), expect9012: true);
        var refused = await RunAsync(host, kit.Request("1062", "RtdInterval=5"), expect9012: true);

        Assert.Equal("1", set[^1].Packet.Cp.GetValue("ExeRtn"));
        Assert.Equal("60", get.Single(f => f.Cn == "1061").Packet.Cp.GetValue(Hj212FieldNames.RtdInterval));
        Assert.Equal("3", refused[^1].Packet.Cp.GetValue("ExeRtn"));
        Assert.Equal(60, kit.Identities.Load("p1")!.RealTimeIntervalSeconds);
    }

    [Fact]
    public async Task Notification_2012_is_answered_9013_only_and_stops_real_time_uploads_until_2011()
    {
        var (kit, link, host) = await ConnectAsync(PlatformTestKit.Options() with { Uploads = PlatformUploads.RealTime });
        await using var disposeKit = kit;
        var stop = kit.Request("2012");

        await host.SendAsync(stop);
        var answered = await host.WaitForAsync(frames => frames.Any(f => f.Cn == "9013"), "the 9013");
        kit.AppendPoll(PlatformTestKit.Start);
        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "readings acknowledged unsent");
        await RunAsync(host, kit.Request("2011"), expect9012: true);
        kit.AppendPoll(PlatformTestKit.Start.AddMinutes(1));
        var after = await host.WaitForAsync(frames => frames.Any(f => f.Cn == "2011"), "real time again");

        Assert.Equal(stop.Qn, Assert.Single(answered).Packet.Qn);
        Assert.Equal("20260301160100", Assert.Single(after, f => f.Cn == "2011").DataTime);
        Assert.Equal(["9013"], after.Where(f => f.Packet.Qn == stop.Qn).Select(f => f.Cn));
        Assert.Equal("QnRtn=1, ExeRtn=1", link.Status.LastHostCommandResult);
    }

    [Fact]
    public async Task History_returns_every_record_in_the_inclusive_range_one_per_9014_then_9012()
    {
        var (kit, _, host) = await ConnectAsync(PlatformTestKit.Options() with { Uploads = PlatformUploads.None });
        await using var disposeKit = kit;
        for (var hour = 0; hour < 5; hour++)
        {
            kit.AppendRecords(AggregatePeriod.Hour, PlatformTestKit.Start.AddHours(hour));
        }

        host.AnswerUploads = false;
        var request = kit.Request("2061", "BeginTime=20260301170000,EndTime=20260301190000");
        await host.SendAsync(request);
        for (var record = 1; record <= 3; record++)
        {
            var received = await host.WaitForAsync(frames => frames.Count(f => f.Cn == "2061") == record, $"record {record}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.Equal(record, host.ReceivedWith("2061").Count);
            Assert.Empty(host.ReceivedWith("9012"));
            await host.AnswerAsync(received.Last(f => f.Cn == "2061").Packet);
        }

        var flow = await host.WaitForAsync(frames => frames.Any(f => f.Cn == "9012"), "the 9012");
        Assert.Equal(["20260301170000", "20260301180000", "20260301190000"], flow.Where(f => f.Cn == "2061").Select(f => f.DataTime));
        Assert.Equal("1", flow.Single(f => f.Cn == "9012").Packet.Cp.GetValue("ExeRtn"));
        Assert.All(flow.Where(f => f.Cn == "2061"), f => Assert.NotEqual(request.Qn, f.Packet.Qn));
    }

    [Fact]
    public async Task An_empty_history_range_ends_ExeRtn_100()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;

        var flow = await RunAsync(host, kit.Request("2051", "BeginTime=20250101000000;EndTime=20250101010000"), expect9012: true);

        Assert.Equal(["9011", "9012"], flow.Select(f => f.Cn));
        Assert.Equal("100", flow[1].Packet.Cp.GetValue("ExeRtn"));
    }

    [Fact]
    public async Task Device_commands_are_rejected_QnRtn_2_when_the_service_gives_none_or_the_platform_may_not()
    {
        var (kit, _, host) = await ConnectAsync();
        await using var disposeKit = kit;
        var devices = new FakeDeviceCommands();
        var (otherKit, _, otherHost) = await ConnectAsync(devices: devices);
        await using var disposeOtherKit = otherKit;

        var noDevices = await RunAsync(host, kit.Request("3012", "PolId=a21026"), expect9012: false);
        var notAllowed = await RunAsync(otherHost, otherKit.Request("3011", "PolId=a21026"), expect9012: false);

        Assert.Equal("2", Assert.Single(noDevices).Packet.Cp.GetValue("QnRtn"));
        Assert.Equal("2", Assert.Single(notAllowed).Packet.Cp.GetValue("QnRtn"));
        Assert.Empty(devices.Calls);
    }

    [Fact]
    public async Task Device_commands_go_to_the_service_and_3015_returns_DataTime_and_VaseNo()
    {
        var devices = new FakeDeviceCommands();
        var (kit, _, host) = await ConnectAsync(devices: devices);
        await using var disposeKit = kit;

        var sampling = await RunAsync(host, kit.Request("3012", "PolId=a21026"), expect9012: true);
        var sample = await RunAsync(host, kit.Request("3015"), expect9012: true);
        var serial = await RunAsync(host, kit.Request("3019", "PolId=a21026"), expect9012: true);

        Assert.Equal(["9011", "9012"], sampling.Select(f => f.Cn));
        var data = sample.Single(f => f.Cn == "3015").Packet.Cp;
        Assert.Equal("20260301160000", data.GetValue(Hj212FieldNames.DataTime));
        Assert.Equal("3", data.GetValue(Hj212FieldNames.VaseNo));
        Assert.Equal("SN123", serial.Single(f => f.Cn == "3019").Packet.Cp.GetValue("a21026-SN"));
        Assert.Equal(["routine a21026 ImmediateSampling", "sample ", "information a21026 "], devices.Calls);
    }

    [Fact]
    public async Task Command_1072_changes_PW_for_later_packets_of_this_platform_only()
    {
        await using var kit = new PlatformTestKit();
        var first = new InMemoryPlatformConnector();
        var second = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options("p1"), first);
        kit.StartLink(PlatformTestKit.Options("p2"), second);
        var host = await first.NextHostAsync();
        var other = await second.NextHostAsync();

        var flow = await RunAsync(host, kit.Request("1072", "NewPW=654321"), expect9012: true);
        kit.AppendMinute(0);
        var p1 = await host.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute at p1");
        var p2 = await other.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute at p2");
        var oldPw = await RunAsync(host, kit.Request("1061"), expect9012: false);

        Assert.Equal("1", flow[^1].Packet.Cp.GetValue("ExeRtn"));
        Assert.Equal("654321", p1.Single(f => f.Cn == "2051").Packet.Pw);
        Assert.Equal(PlatformTestKit.Pw, p2.Single(f => f.Cn == "2051").Packet.Pw);
        Assert.Equal("3", Assert.Single(oldPw).Packet.Cp.GetValue("QnRtn"));
        Assert.Equal("654321", kit.Identities.Load("p1")!.Pw);
        Assert.Null(kit.Identities.Load("p2"));
    }
}
