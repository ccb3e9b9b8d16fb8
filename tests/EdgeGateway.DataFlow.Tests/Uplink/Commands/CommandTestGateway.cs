using System.Text;
using EdgeGateway.DataFlow.Tests.Pipeline;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Commands;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

/// <summary>A command handler wired to fakes, with a way to send it a command and read the reply.</summary>
internal sealed class CommandTestGateway : IAsyncDisposable
{
    public const string GatewayId = "gw-cmd";
    public const string TopicRoot = "egw/" + GatewayId;

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset StartedAt = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);

    public CommandTestGateway(PlatformCommandOptions? options = null, IOutbox? outbox = null, Func<PlatformCommandDependencies, PlatformCommandDependencies>? adjust = null)
    {
        Outbox = outbox ?? new InMemoryOutbox();
        Encoder = new UplinkMessageEncoder(GatewayId, Outbox.StoreId, UplinkTestData.Channels());
        var dependencies = new PlatformCommandDependencies
        {
            GatewayId = GatewayId,
            SoftwareVersion = "9.8.7",
            StartedAt = StartedAt,
            ClockStatus = ClockStatus,
            ClockSetter = ClockSetter,
            RealTimeInterval = Interval,
            Outbox = Outbox,
            HistoryEncoder = Encoder,
            HistoryPublisher = Publisher,
        };
        Handler = new PlatformCommandHandler(
            options ?? FastOptions,
            adjust is null ? dependencies : adjust(dependencies),
            time: Time);
    }

    /// <summary>Options with a fast history pace so re-sends finish in milliseconds.</summary>
    public static PlatformCommandOptions FastOptions { get; } = new()
    {
        HistoryMessagesPerSecond = 10_000,
        HistoryRetryDelay = TimeSpan.FromMilliseconds(5),
    };

    public SettableTime Time { get; } = new(Now);

    public FakeClockStatusProbe ClockStatus { get; } = new(synchronized: false);

    public FakeClockSetter ClockSetter { get; } = new();

    public FakeRealTimeIntervalControl Interval { get; } = new(TimeSpan.FromSeconds(5));

    public FakeMessagePublisher Publisher { get; } = new();

    public IOutbox Outbox { get; }

    public UplinkMessageEncoder Encoder { get; }

    public PlatformCommandHandler Handler { get; }

    public static MqttCommandRequest Request(string name, string? body) => Request(name, body is null ? [] : Encoding.UTF8.GetBytes(body));

    public static MqttCommandRequest Request(string name, byte[] body) => new()
    {
        Topic = TopicRoot + "/cmd/" + name,
        Payload = body,
        ReplyTopic = TopicRoot + "/reply/" + name,
    };

    public Task<CommandReplyView> SendAsync(string name, string? body = null) => SendAsync(Request(name, body));

    public async Task<CommandReplyView> SendAsync(MqttCommandRequest request)
    {
        var reply = await Handler.HandleAsync(request, TestContext.Current.CancellationToken);
        Assert.NotNull(reply);
        Assert.Equal(UplinkContract.ContentType, reply.ContentType);
        var view = CommandReplyView.Parse(reply.Payload);
        Assert.Equal(GatewayId, view.Root.GetProperty("gatewayId").GetString());
        Assert.Equal(1, view.Root.GetProperty("schemaVersion").GetInt32());
        Assert.True(view.Root.TryGetProperty("result", out _) ^ view.Root.TryGetProperty("error", out _), $"exactly one of result and error: {view}");
        return view;
    }

    public async ValueTask DisposeAsync()
    {
        await Handler.DisposeAsync();
        Outbox.Dispose();
    }
}
