using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Uplink.Platforms;
using static EdgeGateway.DataFlow.Tests.Uplink.Platforms.HostRequestFlow;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>
/// What a platform sets on the logger (hj212-tcp.md part B, statements 22, 23 and 31): the intervals (1062/1064), the
/// clock (1012, seen through 1011) and the MN (1002), each shown at the link and, where the gateway keeps it, across a
/// new link on the same identity store (a restart).
/// </summary>
public sealed class PlatformSettingsCommandsTests
{
    [Fact]
    public async Task Command_1064_sets_MinInterval_shown_by_1063_kept_by_a_new_link_and_a_value_the_standard_does_not_list_is_ExeRtn_3()
    {
        var (kit, link, host) = await ConnectAsync();
        await using var disposeKit = kit;

        var set = await RunAsync(host, kit.Request("1064", "MinInterval=5"), expect9012: true);
        var shown = await RunAsync(host, kit.Request("1063"), expect9012: true);
        await link.DisposeAsync();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(), connector);
        var next = await connector.NextHostAsync();
        var kept = await RunAsync(next, kit.Request("1063"), expect9012: true);
        var refused = await RunAsync(next, kit.Request("1064", "MinInterval=7"), expect9012: true);
        var after = await RunAsync(next, kit.Request("1063"), expect9012: true);

        Assert.Equal(("1", "1"), (set.QnRtn(), set.ExeRtn()));
        Assert.Equal("5", shown.Single(f => f.Cn == "1063").Packet.Cp.GetValue(Hj212FieldNames.MinInterval));
        Assert.Equal("5", kept.Single(f => f.Cn == "1063").Packet.Cp.GetValue(Hj212FieldNames.MinInterval));
        Assert.Equal(("1", "3"), (refused.QnRtn(), refused.ExeRtn()));
        Assert.Equal("5", after.Single(f => f.Cn == "1063").Packet.Cp.GetValue(Hj212FieldNames.MinInterval));
        Assert.Equal(5, kit.Identities.Load("p1")!.MinuteIntervalMinutes);
    }

    [Fact]
    public async Task After_1062_RtdInterval_60_one_2011_goes_per_60_second_window_of_reading_time_instead_of_30()
    {
        var (kit, _, host) = await ConnectAsync(PlatformTestKit.Options() with { Uploads = PlatformUploads.RealTime });
        await using var disposeKit = kit;

        // Polled every 10 s for two minutes at the configured 30 s, then three minutes after the platform's 1062.
        for (var poll = 0; poll < 12; poll++)
        {
            kit.AppendPoll(PlatformTestKit.Start.AddSeconds(10 * poll));
        }

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "the first two minutes confirmed");
        var set = await RunAsync(host, kit.Request("1062", "RtdInterval=60"), expect9012: true);
        for (var poll = 12; poll < 30; poll++)
        {
            kit.AppendPoll(PlatformTestKit.Start.AddSeconds(10 * poll));
        }

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "the next three minutes confirmed");

        Assert.Equal("1", set.ExeRtn());
        Assert.Equal(
            ["20260301160000", "20260301160030", "20260301160100", "20260301160130", "20260301160200", "20260301160300", "20260301160400"],
            host.ReceivedWith("2011").Select(frame => frame.DataTime));
    }

    [Fact]
    public async Task Command_1012_steps_the_clock_through_the_device_commands_and_a_following_1011_shows_the_new_time()
    {
        await using var kit = new PlatformTestKit();
        var devices = new ScriptedDeviceCommands(kit.Time);
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options() with { AllowedCommands = PlatformCommandPermissions.Default | PlatformCommandPermissions.SetTime }, connector, devices);
        var host = await connector.NextHostAsync();

        var before = await RunAsync(host, kit.Request("1011"), expect9012: true);
        var set = await RunAsync(host, kit.Request("1012", "SystemTime=20260301173015"), expect9012: true);
        var after = await RunAsync(host, kit.Request("1011"), expect9012: true);

        Assert.Equal("20260301160000", before.Single(f => f.Cn == "1011").Packet.Cp.GetValue(Hj212FieldNames.SystemTime));
        Assert.Equal(("1", "1"), (set.QnRtn(), set.ExeRtn()));
        Assert.Equal(["time  2026-03-01T09:30:15.0000000+00:00 by platform:p1"], devices.Calls);
        Assert.Equal("20260301173015", after.Single(f => f.Cn == "1011").Packet.Cp.GetValue(Hj212FieldNames.SystemTime));
    }

    [Fact]
    public async Task Command_1012_is_refused_QnRtn_2_when_the_platform_may_not_set_the_clock_and_1011_still_shows_the_old_time()
    {
        await using var kit = new PlatformTestKit();
        var devices = new ScriptedDeviceCommands(kit.Time);
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(), connector, devices);
        var host = await connector.NextHostAsync();

        var set = await RunAsync(host, kit.Request("1012", "SystemTime=20260301173015"), expect9012: false);
        var after = await RunAsync(host, kit.Request("1011"), expect9012: true);

        Assert.Equal("2", set.QnRtn());
        Assert.Empty(devices.Calls);
        Assert.Equal("20260301160000", after.Single(f => f.Cn == "1011").Packet.Cp.GetValue(Hj212FieldNames.SystemTime));
    }

    [Fact]
    public async Task Command_1002_sets_the_MN_of_later_packets_refuses_the_old_MN_with_QnRtn_4_and_is_kept_by_a_new_link()
    {
        const string NewMn = "010000A8900016F000169DC0";
        var options = PlatformTestKit.Options(edition: Hj212Edition.Edition2025);
        var (kit, link, host) = await ConnectAsync(options);
        await using var disposeKit = kit;

        var set = await RunAsync(host, kit.Request2025("1002", "i23005-Info=" + NewMn), expect9012: true);
        kit.AppendMinute(0);
        var minute = await host.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute record");
        var oldMn = await RunAsync(host, kit.Request2025("1061"), expect9012: false);
        var newMn = await RunAsync(host, kit.Request2025("1061", mn: NewMn), expect9012: true);
        await link.DisposeAsync();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(options, connector);
        var next = await connector.NextHostAsync();
        kit.AppendMinute(1);
        var keptMinute = await next.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute record after the restart");

        Assert.Equal(("1", "1"), (set.QnRtn(), set.ExeRtn()));
        Assert.Equal(NewMn, minute.Single(f => f.Cn == "2051").Packet.Mn);
        Assert.Equal("4", oldMn.QnRtn());
        Assert.Equal(NewMn, newMn.Single(f => f.Cn == "1061").Packet.Mn);
        Assert.Equal("1", newMn.ExeRtn());
        Assert.Equal(NewMn, keptMinute.Single(f => f.Cn == "2051").Packet.Mn);
        Assert.Equal(NewMn, kit.Identities.Load("p1")!.Mn);
    }

    [Fact]
    public async Task A_PW_set_by_1072_is_kept_by_a_new_link_on_the_same_identity_store_and_the_old_PW_is_refused_QnRtn_3()
    {
        var (kit, link, host) = await ConnectAsync();
        await using var disposeKit = kit;

        var set = await RunAsync(host, kit.Request("1072", "NewPW=654321"), expect9012: true);
        await link.DisposeAsync();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(), connector);
        var next = await connector.NextHostAsync();
        kit.AppendMinute(0);
        var minute = await next.WaitForAsync(frames => frames.Any(f => f.Cn == "2051"), "a minute record after the restart");
        var oldPw = await RunAsync(next, kit.Request("1061"), expect9012: false);
        var newPw = await RunAsync(next, kit.Request("1061", pw: "654321"), expect9012: true);

        Assert.Equal("1", set.ExeRtn());
        Assert.Equal("654321", minute.Single(f => f.Cn == "2051").Packet.Pw);
        Assert.Equal("3", oldPw.QnRtn());
        Assert.Equal("1", newPw.ExeRtn());
    }
}
