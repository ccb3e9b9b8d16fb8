using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary>Host commands the platform simulator sends down a logger's connection, and the exchanges it records.</summary>
public sealed class PlatformSimulatorCommandsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_history_request_returns_the_9011_the_data_and_the_9012_and_each_record_gets_its_9014()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await ConnectedLoggerAsync(platform);

        var cp = new Hj212DataAreaBuilder().AddItem("BeginTime", "20261207100000").AddItem("EndTime", "20261207100100").Build();
        var exchangeTask = platform.SendRequestAsync("2051", cp, LoggerPackets.Mn, cancellationToken: TestContext.Current.CancellationToken);

        var request = await logger.ReadPacketAsync();
        Assert.Equal(("2051", "32", LoggerPackets.Mn, LoggerPackets.Pw, (byte)5), (request.Cn, request.St, request.Mn, request.Pw, request.Flag!.Value.Value));
        Assert.Equal("BeginTime=20261207100000,EndTime=20261207100100", request.Cp.ToString());
        await logger.SendAsync(LoggerPackets.Answer(request, Hj212QnRtn.ReadyToExecute));
        // One record at a time, each after the previous one's 9014 (HJ 212-2017 C.48).
        string[] dataQns = ["20261207101600001", "20261207101600002"];
        await logger.SendAsync(LoggerPackets.Minute(dataQns[0], "20261207100000"));
        var first = await logger.ReadPacketAsync();
        Assert.Equal(("9014", dataQns[0]), (first.Cn, first.Qn));
        await logger.SendAsync(LoggerPackets.Minute(dataQns[1], "20261207100100"));
        var second = await logger.ReadPacketAsync();
        Assert.Equal(("9014", dataQns[1]), (second.Cn, second.Qn));
        await logger.SendAsync(LoggerPackets.Result(request, Hj212ExeRtn.Success));

        var exchange = await exchangeTask;
        Assert.True(exchange.IsComplete);
        Assert.False(exchange.TimedOut);
        Assert.Equal((1, 1), (exchange.QnRtn, exchange.ExeRtn));
        Assert.Equal(dataQns, exchange.Data.Select(packet => packet.Qn));
        Assert.Equal(request, exchange.Request);
        Assert.Empty(platform.Problems);
        Assert.Empty(platform.Store.MissingMinutes(LoggerPackets.Mn, new DateTime(2026, 12, 7, 10, 0, 0), new DateTime(2026, 12, 7, 10, 1, 0)));
        Assert.Same(exchange, Assert.Single(platform.Exchanges));
    }

    [Fact]
    public async Task A_request_refused_by_its_9011_ends_without_a_9012()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await ConnectedLoggerAsync(platform);

        var request = platform.CreateCommand("1011") with { Pw = "000000" };
        var exchangeTask = platform.SendRequestAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        var received = await logger.ReadPacketAsync();
        Assert.Equal("000000", received.Pw);
        await logger.SendAsync(LoggerPackets.Answer(received, Hj212QnRtn.PasswordWrong));

        var exchange = await exchangeTask;
        Assert.True(exchange.IsComplete);
        Assert.Equal(3, exchange.QnRtn);
        Assert.Null(exchange.ExecutionResult);
    }

    [Fact]
    public async Task A_silent_logger_times_the_request_out()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await ConnectedLoggerAsync(platform);

        var exchange = await platform.SendRequestAsync("1061", timeout: TimeSpan.FromMilliseconds(300), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("1061", (await logger.ReadPacketAsync()).Cn);
        Assert.True(exchange.TimedOut);
        Assert.False(exchange.IsComplete);
        Assert.Null(exchange.RequestAnswer);
    }

    [Fact]
    public async Task A_stop_notification_waits_for_the_9013()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await ConnectedLoggerAsync(platform);

        var exchangeTask = platform.SendNotificationAsync("2012", cancellationToken: TestContext.Current.CancellationToken);
        var notification = await logger.ReadPacketAsync();
        Assert.Equal("2012", notification.Cn);
        await logger.SendAsync(Hj212Replies.NotificationAnswer(notification, Hj212Edition.Edition2017));

        var exchange = await exchangeTask;
        Assert.True(exchange.IsComplete);
        Assert.Equal(notification.Qn, exchange.NotificationAnswer!.Qn);
    }

    [Fact]
    public async Task A_9012_for_a_QN_nobody_asked_about_is_a_problem()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0");
        using var logger = await ConnectedLoggerAsync(platform);

        var stray = LoggerPackets.Minute("20261207101500009", "20261207101400");
        await logger.SendAsync(LoggerPackets.Result(stray, Hj212ExeRtn.Success));

        Assert.True(await platform.WaitUntilAsync(() => platform.Problems.Count > 0, Wait, TestContext.Current.CancellationToken));
        Assert.Equal("9012 answers QN 20261207101500009, which no host command of this platform is waiting for", Assert.Single(platform.Problems).Text);
    }

    [Fact]
    public async Task A_scheduled_command_goes_to_each_logger_that_connects()
    {
        var options = new Hj212PlatformSimulatorOptions
        {
            ExpectedMn = LoggerPackets.Mn,
            Schedule = [new Hj212ScheduledCommand { Delay = TimeSpan.FromMilliseconds(50), Cn = "1063" }],
        };
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", options);
        using var logger = await RawLogger.ConnectAsync(platform.Endpoint);

        var request = await logger.ReadPacketAsync();
        Assert.Equal(("1063", LoggerPackets.Mn), (request.Cn, request.Mn));
        await logger.SendAsync(LoggerPackets.Answer(request, Hj212QnRtn.ReadyToExecute));
        await logger.SendAsync(new Hj212Packet
        {
            Qn = "20261207101600001",
            St = "32",
            Cn = "1063",
            Pw = LoggerPackets.Pw,
            Mn = LoggerPackets.Mn,
            Flag = Hj212Flag.Create(Hj212Edition.Edition2017),
            Cp = new Hj212DataAreaBuilder().AddItem("MinInterval", "10").Build(),
        });
        await logger.SendAsync(LoggerPackets.Result(request, Hj212ExeRtn.Success));

        Assert.True(await platform.WaitUntilAsync(() => platform.Exchanges.Count == 1, Wait, TestContext.Current.CancellationToken));
        var exchange = platform.Exchanges[0];
        Assert.True(exchange.IsComplete);
        Assert.Equal("10", Assert.Single(exchange.Data).Cp.GetValue("MinInterval"));
    }

    [Fact]
    public async Task A_password_set_by_1072_is_expected_from_then_on()
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { ExpectedPw = LoggerPackets.Pw });
        using var logger = await ConnectedLoggerAsync(platform);

        var exchangeTask = platform.SendRequestAsync("1072", new Hj212DataAreaBuilder().AddItem("NewPW", "654321").Build(), cancellationToken: TestContext.Current.CancellationToken);
        var request = await logger.ReadPacketAsync();
        await logger.SendAsync(LoggerPackets.Answer(request, Hj212QnRtn.ReadyToExecute));
        await logger.SendAsync(LoggerPackets.Result(request, Hj212ExeRtn.Success));
        await exchangeTask;

        Assert.Equal("654321", platform.ExpectedPw);
        Assert.Equal("654321", platform.CreateCommand("1061").Pw);
    }

    /// <summary>A logger that has sent one upload, so the platform knows its MN, PW and ST.</summary>
    private static async Task<RawLogger> ConnectedLoggerAsync(Hj212PlatformSimulator platform)
    {
        var logger = await RawLogger.ConnectAsync(platform.Endpoint);
        await logger.SendAsync(LoggerPackets.Minute("20261207095900001", "20261207095800"));
        Assert.Equal("9014", (await logger.ReadPacketAsync()).Cn);
        return logger;
    }
}
