using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>Uploads and their acknowledgement (hj212-tcp.md part B, statements 6-17 and 33).</summary>
public sealed partial class PlatformUploadTests
{
    private static readonly TimeSpan OverTime = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Every_packet_is_a_valid_frame_with_the_header_in_the_standard_order_and_2025_flag_bits()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with { Uploads = PlatformUploads.Minute | PlatformUploads.Restart }, connector);
        var host = await connector.NextHostAsync();
        kit.AppendMinute(0);

        var received = await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "a 2051");

        Assert.Empty(host.BadFrames);
        Assert.All(received, frame =>
        {
            Assert.Matches(HeaderOrder(), frame.Segment);
            Assert.Equal(2, frame.Packet.Flag!.Value.VersionBits);
            Assert.Equal(9, frame.Packet.Flag!.Value.Value);
        });
        Assert.Equal("20260301160000", Assert.Single(host.ReceivedWith("2051")).DataTime);
    }

    [Fact]
    public async Task An_upload_unanswered_within_OverTime_is_re_sent_identical_with_the_same_QN()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        var link = kit.StartLink(PlatformTestKit.Options(), connector);
        var host = await connector.NextHostAsync();
        kit.AppendMinute(0);
        var first = (await host.WaitForAsync(frames => frames.Count == 1, "the first send"))[0];

        await kit.AdvanceUntilAsync(() => host.Received.Count >= 2, OverTime, "a re-send");
        await host.AnswerAsync(host.Received[1].Packet);

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "the record acknowledged for p1");
        Assert.Equal(first.Bytes, host.Received[1].Bytes);
        Assert.Equal(first.Packet.Qn, host.Received[1].Packet.Qn);
        Assert.Equal(1, link.Status.Resends);
        Assert.Equal(2, kit.Outbox.GetBacklog("mqtt").UnacknowledgedCount);
    }

    [Fact]
    public async Task After_ReCount_unanswered_re_sends_the_exchange_is_given_up_the_link_re_dials_and_the_record_comes_again_with_RF_1()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        var link = kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025), connector);
        var silent = await connector.NextHostAsync();
        kit.AppendMinute(0);

        await kit.AdvanceUntilAsync(() => silent.Closed, OverTime, "the link given up");
        Assert.Equal(4, silent.Received.Count);
        Assert.Single(silent.Received.Select(frame => frame.Packet.Qn).Distinct());
        Assert.All(silent.Received, frame => Assert.False(frame.IsResent));
        Assert.Equal(1, link.Status.Unanswered);
        Assert.Equal(2, kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount);

        connector.AnswerUploads = true;
        var answering = await ConnectAgainAsync(kit, connector);
        var again = Assert.Single(await answering.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "the record again"));
        Assert.True(again.IsResent);
        Assert.Equal("20260301160000", again.DataTime);
        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "acknowledged after the re-send");
        Assert.Equal(2, link.Status.BacklogResent);
    }

    [Fact]
    public async Task A_9014_for_another_QN_does_not_acknowledge_the_outstanding_packet()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        var link = kit.StartLink(PlatformTestKit.Options(), connector);
        var host = await connector.NextHostAsync();
        kit.AppendMinute(0);
        var sent = (await host.WaitForAsync(frames => frames.Count == 1, "the upload"))[0];

        await host.AnswerAsync(sent.Packet with { Qn = "20260301160000999" });
        await kit.AdvanceUntilAsync(() => host.Received.Count >= 2, OverTime, "a re-send");

        Assert.Equal(sent.Packet.Qn, host.Received[1].Packet.Qn);
        Assert.Equal(2, kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount);
        Assert.True(link.Status.Resends >= 1);
    }

    [Fact]
    public async Task Without_replies_wanted_the_gateway_never_waits_or_re_sends_and_acknowledges_on_write()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        var link = kit.StartLink(PlatformTestKit.Options() with { RepliesWanted = false }, connector);
        var host = await connector.NextHostAsync();
        for (var minute = 0; minute < 5; minute++)
        {
            kit.AppendMinute(minute);
        }

        var received = await host.WaitForAsync(frames => frames.Count(frame => frame.Cn == "2051") == 5, "five 2051 without waiting");
        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "acknowledged on write");

        Assert.All(received, frame => Assert.False(frame.Packet.Flag!.Value.AcknowledgementRequired));
        Assert.Equal(0, link.Status.Resends);
        Assert.Equal(5, received.Select(frame => frame.Packet.Qn).Distinct().Count());
    }

    [Fact]
    public async Task A_record_over_1024_bytes_is_split_and_each_part_waits_for_its_own_9014()
    {
        await using var kit = new PlatformTestKit(channels: 40);
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        kit.StartLink(PlatformTestKit.Options(), connector);
        var host = await connector.NextHostAsync();
        kit.AppendMinute(0);

        var first = (await host.WaitForAsync(frames => frames.Count == 1, "the first part"))[0];
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Single(host.Received);
        Assert.True(first.Packet.Flag!.Value.IsSplit);
        Assert.Equal(1, first.Packet.Pno);
        Assert.True(first.Packet.Pnum >= 2);

        var parts = first.Packet.Pnum!.Value;
        for (var part = 1; part <= parts; part++)
        {
            var received = await host.WaitForAsync(frames => frames.Count == part, $"part {part}");
            Assert.Equal(part, received[^1].Packet.Pno);
            Assert.Equal("20260301160000", received[^1].DataTime);
            await host.AnswerAsync(received[^1].Packet);
        }

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "acknowledged after the last part");
        Assert.Equal(parts, host.Received.Select(frame => frame.Packet.Qn).Distinct().Count());
    }

    [Fact]
    public async Task A_platform_down_for_a_while_then_back_gets_every_minute_record_with_no_DataTime_gap()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { IsUp = false };
        var link = kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025), connector);
        for (var minute = 0; minute < 10; minute++)
        {
            kit.AppendMinute(minute);
            kit.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await kit.AdvanceUntilAsync(() => connector.Dials >= 4, TimeSpan.FromSeconds(1), "several failed dials");
        Assert.False(link.Status.Connected);
        Assert.Equal(20, link.Status.BacklogRecords);
        connector.IsUp = true;
        var host = await ConnectAgainAsync(kit, connector);
        kit.AppendMinute(10);

        var minutes = await host.WaitForAsync(frames => frames.Count(frame => frame.Cn == "2051") == 11, "eleven minutes");

        var times = minutes.Where(frame => frame.Cn == "2051").Select(frame => frame.DataTime!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(minute => PlatformTestKit.Start.AddMinutes(minute).ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)), times);
        Assert.Equal(10, minutes.Count(frame => frame.IsResent));
        Assert.False(minutes.Single(frame => frame.DataTime == "20260301161000").IsResent);
        Assert.Single(kit.Events, e => e.Kind == GatewayEventKind.PlatformLost && e.Source == "hj212:p1");
        Assert.Single(kit.Events, e => e.Kind == GatewayEventKind.PlatformRestored && e.Source == "hj212:p1");
        await PlatformTestKit.WaitUntilAsync(() => link.Status.BacklogRecords == 0, "nothing owed");
    }

    [Fact]
    public async Task During_a_backlog_new_minute_records_are_not_held_behind_the_re_sends()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { IsUp = false };
        kit.StartLink(PlatformTestKit.Options() with { BacklogShare = 0.5 }, connector);
        for (var minute = 0; minute < 30; minute++)
        {
            kit.AppendMinute(minute);
        }

        await kit.AdvanceUntilAsync(() => connector.Dials >= 1, TimeSpan.FromSeconds(1), "a failed dial");
        connector.IsUp = true;
        connector.AnswerUploads = false;
        var host = await ConnectAgainAsync(kit, connector);
        var held = (await host.WaitForAsync(frames => frames.Count == 1, "the first backlog packet"))[0];
        kit.AppendMinute(30);
        host.AnswerUploads = true;
        await host.AnswerAsync(held.Packet);

        var received = await host.WaitForAsync(frames => frames.Any(frame => frame.DataTime == "20260301163000"), "the new minute");

        var position = received.ToList().FindIndex(frame => frame.DataTime == "20260301163000");
        Assert.True(position <= 2, $"the new minute came as packet {position + 1} of {received.Count}, behind the backlog");
        await host.WaitForAsync(frames => frames.Count(frame => frame.Cn == "2051") == 31, "the whole backlog after it");
    }

    [Fact]
    public async Task Readings_between_real_time_intervals_are_acknowledged_unsent_and_one_2011_goes_per_interval()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        var options = PlatformTestKit.Options() with { Uploads = PlatformUploads.RealTime, RealTimeInterval = TimeSpan.FromSeconds(30) };

        // Stored before the link starts, so all of them are one stream's: polls appended while the session starts
        // fall partly into the backlog and partly into the live stream, and the window they straddle is selected by
        // each (see RealTimeSelection); CI once saw the live stream's 16:01:20 come first.
        for (var second = 0; second < 120; second += 10)
        {
            kit.AppendPoll(PlatformTestKit.Start.AddSeconds(second));
        }

        kit.StartLink(options, connector);
        var host = await connector.NextHostAsync();

        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "every reading acknowledged for p1");

        var realTime = host.ReceivedWith("2011");
        Assert.Equal(["20260301160000", "20260301160030", "20260301160100", "20260301160130"], realTime.Select(frame => frame.DataTime));
        Assert.All(realTime, frame => Assert.Equal(["a21026", "a21002"], frame.Packet.Cp.GetFactorCodes()));
    }

    [Fact]
    public async Task Events_and_kinds_not_uploaded_are_acknowledged_for_the_platform_unsent()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options() with { Uploads = PlatformUploads.Hour }, connector);
        var host = await connector.NextHostAsync();
        kit.AppendEvent();
        kit.AppendMinute(0);
        kit.AppendPoll(PlatformTestKit.Start);
        kit.AppendRecords(AggregatePeriod.Hour, PlatformTestKit.Start);

        await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2061"), "the hour record");
        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, "all acknowledged for p1");

        Assert.Equal(["2061"], host.Received.Select(frame => frame.Cn));
        Assert.Equal(7, kit.Outbox.GetBacklog("mqtt").UnacknowledgedCount);
    }

    internal static async Task<FakePlatformHost> ConnectAgainAsync(PlatformTestKit kit, InMemoryPlatformConnector connector)
    {
        var next = connector.NextHostAsync();
        await kit.AdvanceUntilAsync(() => next.IsCompleted, TimeSpan.FromSeconds(1), "a new connection");
        return await next;
    }

    [GeneratedRegex(@"^QN=\d{17};ST=\d+;CN=\d{4};PW=[^;]+;MN=[^;]+;Flag=\d+;(PNUM=\d+;PNO=\d+;)?(RF=1;)?CP=&&.*&&$")]
    private static partial Regex HeaderOrder();
}
