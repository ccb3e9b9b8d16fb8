using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>The connection (hj212-tcp.md part B, statements 1-5).</summary>
public sealed class PlatformConnectionTests
{
    [Fact]
    public async Task Each_platform_is_dialled_as_a_client_at_its_own_host_and_port()
    {
        await using var kit = new PlatformTestKit();
        var first = new InMemoryPlatformConnector();
        var second = new InMemoryPlatformConnector();
        var link = kit.StartLink(PlatformTestKit.Options("p1") with { Port = 8001 }, first);
        kit.StartLink(PlatformTestKit.Options("p2") with { Port = 8002 }, second);

        await first.NextHostAsync();
        await second.NextHostAsync();

        Assert.Equal("p1.platform.test:8001", first.DialledAddress);
        Assert.Equal("p2.platform.test:8002", second.DialledAddress);
        await PlatformTestKit.WaitUntilAsync(() => link.Status.Connected, "connected");
        Assert.Equal("hj212:p1", link.Destination);
    }

    [Fact]
    public async Task A_dropped_connection_is_re_dialled_with_back_off_and_announced_lost_and_restored_once()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        var link = kit.StartLink(PlatformTestKit.Options(), connector);
        var host = await connector.NextHostAsync();
        kit.AppendMinute(0);
        await host.WaitForAsync(frames => frames.Count == 1, "the first minute");
        connector.IsUp = false;
        await host.DisposeAsync();
        await PlatformTestKit.WaitUntilAsync(() => !link.Status.Connected, "the link down");
        kit.AppendMinute(1);

        await kit.AdvanceUntilAsync(() => connector.Dials >= 5, TimeSpan.FromSeconds(1), "several re-dials");
        connector.IsUp = true;
        var again = await PlatformUploadTests.ConnectAgainAsync(kit, connector);

        await again.WaitForAsync(frames => frames.Any(frame => frame.DataTime == "20260301160100"), "the minute appended meanwhile");
        await PlatformTestKit.WaitUntilAsync(() => kit.Events.Count(e => e.Kind == GatewayEventKind.PlatformRestored) == 1, "restored announced");
        Assert.Single(kit.Events, e => e.Kind == GatewayEventKind.PlatformLost);
        Assert.Equal("hj212:p1", kit.Events.First().Source);
    }

    [Fact]
    public async Task Two_platforms_where_one_is_silent_do_not_delay_the_other()
    {
        await using var kit = new PlatformTestKit();
        var silentConnector = new InMemoryPlatformConnector { AnswerUploads = false };
        var answeringConnector = new InMemoryPlatformConnector();
        var silentLink = kit.StartLink(PlatformTestKit.Options("p1") with { OverTime = TimeSpan.FromHours(1) }, silentConnector);
        kit.StartLink(PlatformTestKit.Options("p2"), answeringConnector);
        var silent = await silentConnector.NextHostAsync();
        var answering = await answeringConnector.NextHostAsync();

        for (var minute = 0; minute < 20; minute++)
        {
            kit.AppendMinute(minute);
        }

        await answering.WaitForAsync(frames => frames.Count(frame => frame.Cn == "2051") == 20, "every minute at p2");
        await PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p2").UnacknowledgedCount == 0, "p2 owed nothing");
        Assert.Single(silent.Received);
        Assert.Equal(40, silentLink.Status.BacklogRecords);
    }

    [Fact]
    public async Task Heartbeats_go_out_while_idle_and_an_unanswered_one_fails_the_link()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        // OverTime far beyond the 1 s steps: the fake clock must not pass it while an answer is still on its way.
        var options = PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with { HeartbeatInterval = TimeSpan.FromSeconds(60), OverTime = TimeSpan.FromSeconds(90), ReCount = 1 };
        var link = kit.StartLink(options, connector);
        var host = await connector.NextHostAsync();

        // One heartbeat at a time, in 1 s steps, its answer taken before the clock moves on: 10 s steps past a 5 s
        // OverTime re-sent a heartbeat whose answer was still on its way (failed in CI, and 3 of 5 runs here).
        for (var sent = 1; sent <= 2; sent++)
        {
            var heard = link.Status.LastReplyAt;
            await kit.AdvanceUntilAsync(() => host.ReceivedWith("9015").Count >= sent, TimeSpan.FromSeconds(1), $"heartbeat {sent}");
            await PlatformTestKit.WaitUntilAsync(() => link.Status.LastReplyAt != heard, $"the answer to heartbeat {sent} taken by the link");
        }

        var heartbeat = host.ReceivedWith("9015")[0].Packet;
        Assert.Equal(9, heartbeat.Flag!.Value.Value);
        Assert.Equal(0, link.Status.Resends);

        host.AnswerUploads = false;
        await kit.AdvanceUntilAsync(() => host.Closed, TimeSpan.FromSeconds(10), "the link failed after an unanswered heartbeat");
        Assert.Equal(1, link.Status.Unanswered);
    }

    [Fact]
    public async Task The_2081_restart_goes_out_once_after_the_start_when_first_connected()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options() with { Uploads = PlatformUploads.Minute | PlatformUploads.Restart }, connector);
        var host = await connector.NextHostAsync();

        var restart = (await host.WaitForAsync(frames => frames.Count == 1, "the 2081"))[0];
        Assert.Equal("2081", restart.Cn);
        Assert.Equal("20260301155500", restart.Packet.Cp.GetValue(Hj212FieldNames.RestartTime));
        Assert.Equal("20260301160000", restart.DataTime);

        kit.AppendMinute(0);
        await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "a minute after the answered 2081");
        await host.DisposeAsync();
        var again = await PlatformUploadTests.ConnectAgainAsync(kit, connector);
        kit.AppendMinute(1);
        await again.WaitForAsync(frames => frames.Any(frame => frame.Cn == "2051"), "a minute on the new connection");
        Assert.Empty(again.ReceivedWith("2081"));
    }

    [Fact]
    public async Task The_TCP_connector_carries_a_session_over_loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var kit = new PlatformTestKit();
        var options = PlatformTestKit.Options() with { Host = "127.0.0.1", Port = port, Uploads = PlatformUploads.Restart };
        await using var link = new PlatformLink(options, kit.Dependencies(new TcpPlatformConnector()));
        link.Start();

        using var platform = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var stream = platform.GetStream();
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (!received.Contains((byte)'\n'))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.NotEqual(0, read);
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var decoded = Hj212FrameDecoder.Decode(received.ToArray());
        Assert.True(decoded.IsSuccess, decoded.Reason);
        Assert.Equal("2081", decoded.Packet.Cn);
        await stream.WriteAsync(Hj212FrameEncoder.EncodeToUtf8(Hj212Replies.DataAnswer(decoded.Packet, Hj212Edition.Edition2017)), TestContext.Current.CancellationToken);
        await PlatformTestKit.WaitUntilAsync(() => link.Status.LastReplyAt is not null, "the 9014 read over TCP");
        Assert.True(link.Status.Connected);
        Assert.Contains("127.0.0.1", Encoding.ASCII.GetString(received.ToArray()) + link.Status.Address, StringComparison.Ordinal);
    }
}
