using System.Net.Sockets;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>The faults the platform simulator injects so the gateway's link can be tried against a misbehaving platform.</summary>
public sealed class PlatformSimulatorFaultsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_dropped_reply_is_answered_when_the_logger_sends_the_same_packet_again()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);
        platform.Faults.DropNextReplies(1);

        var upload = LoggerPackets.Minute("20261207101500001", "20261207101400");
        await logger.SendAsync(upload);
        await platform.WaitForAsync(record => record.Qn == upload.Qn, Wait, TestContext.Current.CancellationToken);
        await logger.SendAsync(upload);

        Assert.Equal(("9014", upload.Qn), await ReadCnQnAsync(logger));
        Assert.Equal([false, true], platform.RecordsOf("2051").Select(record => record.IsRepeat));
        Assert.Equal(1, platform.Faults.RepliesDropped);
        Assert.Single(platform.Sent);
        Assert.Empty(platform.Problems);
        Assert.Equal(2, platform.Store.Find(LoggerPackets.Mn, "2051", new DateTime(2026, 12, 7, 10, 14, 0))!.Packets);
        Assert.Equal(0, platform.Store.DuplicatesOf(LoggerPackets.Mn));
    }

    [Fact]
    public async Task Replies_to_one_CN_are_dropped_while_others_are_answered()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);
        platform.Faults.DropRepliesTo("2051");

        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        await logger.SendAsync(LoggerPackets.Minute("20261207101500002", "20261207100000") with { Cn = "2061" });

        Assert.Equal(("9014", "20261207101500002"), await ReadCnQnAsync(logger));
        platform.Faults.AnswerRepliesTo("2051");
        await logger.SendAsync(LoggerPackets.Minute("20261207101500003", "20261207101500"));
        Assert.Equal(("9014", "20261207101500003"), await ReadCnQnAsync(logger));
    }

    [Fact]
    public async Task No_replies_at_all_and_a_wrong_QN_on_request()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);
        platform.Faults.NoReplies = true;
        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        await platform.WaitForAsync(record => record.Qn == "20261207101500001", Wait, TestContext.Current.CancellationToken);

        platform.Faults.NoReplies = false;
        platform.Faults.AnswerWithWrongQn(1);
        await logger.SendAsync(LoggerPackets.Minute("20261207101500002", "20261207101500"));
        var wrong = await logger.ReadPacketAsync();
        Assert.Equal("9014", wrong.Cn);
        Assert.NotEqual("20261207101500002", wrong.Qn);
        Assert.NotEqual("20261207101500001", wrong.Qn);

        await logger.SendAsync(LoggerPackets.Minute("20261207101500003", "20261207101600"));
        Assert.Equal(("9014", "20261207101500003"), await ReadCnQnAsync(logger));
        Assert.Equal(1, platform.Faults.RepliesDropped);
    }

    [Fact]
    public async Task A_delayed_reply_still_comes_and_reading_goes_on_meanwhile()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);
        platform.Faults.ReplyDelay = TimeSpan.FromMilliseconds(300);

        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        await logger.SendAsync(LoggerPackets.Minute("20261207101500002", "20261207101500"));
        // Both arrive before either reply is written: the delay does not hold up reading.
        await platform.WaitUntilAsync(() => platform.Received.Count == 2, Wait, TestContext.Current.CancellationToken);

        var qns = new[] { (await logger.ReadPacketAsync()).Qn, (await logger.ReadPacketAsync()).Qn };
        Assert.Equal(["20261207101500001", "20261207101500002"], qns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Closing_connections_and_refusing_new_ones_then_coming_back_on_the_same_port()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        var port = platform.Endpoint.Port;
        using (var logger = await RawLogger.ConnectAsync(platform.Endpoint))
        {
            await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
            await logger.ReadPacketAsync();

            platform.StopListening();
            Assert.True(await logger.IsClosedByPlatformAsync());
        }

        Assert.False(platform.IsListening);
        using (var refused = new TcpClient())
        {
            var error = await Assert.ThrowsAsync<SocketException>(async () => await refused.ConnectAsync(platform.Endpoint, TestContext.Current.CancellationToken));
            Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        }

        platform.ResumeListening();
        Assert.Equal(port, platform.Endpoint.Port);
        using var again = await RawLogger.ConnectAsync(platform.Endpoint);
        await again.SendAsync(LoggerPackets.Minute("20261207101600002", "20261207101500"));
        Assert.Equal(("9014", "20261207101600002"), await ReadCnQnAsync(again));
        Assert.True(await platform.WaitUntilAsync(() => platform.Connections is [{ IsOpen: false }, { IsOpen: true }], Wait, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CloseConnections_hangs_up_on_the_logger_and_ends_its_pending_command()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);
        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        await logger.ReadPacketAsync();

        var exchangeTask = platform.SendRequestAsync("1011", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("1011", (await logger.ReadPacketAsync()).Cn);
        platform.CloseConnections();

        Assert.True(await logger.IsClosedByPlatformAsync());
        var exchange = await exchangeTask;
        Assert.True(exchange.ConnectionLost);
        Assert.False(exchange.IsComplete);
    }

    private static async Task<(string Cn, string? Qn)> ReadCnQnAsync(RawLogger logger)
    {
        var packet = await logger.ReadPacketAsync();
        return (packet.Cn, packet.Qn);
    }
}
