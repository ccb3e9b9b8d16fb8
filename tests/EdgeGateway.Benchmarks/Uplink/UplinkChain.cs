using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Uplink.Mqtt;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// The gateway's real uplink chain as the service builds it: ring → consumer thread → outbox appender → SQLite outbox →
/// publisher → MQTT link → broker. The aggregation and latest-values stages are left out: they are not on the way to
/// the broker.
/// </summary>
internal sealed class UplinkChain : IAsyncDisposable
{
    public const string GatewayId = "bench";

    private readonly Thread _consumerThread;

    private UplinkChain(MpscRing<Reading> ring, SqliteOutbox outbox, OutboxAppender appender, Thread consumerThread, MqttLink link, OutboxPublisher publisher)
    {
        Ring = ring;
        Outbox = outbox;
        Appender = appender;
        _consumerThread = consumerThread;
        Link = link;
        Publisher = publisher;
    }

    public MpscRing<Reading> Ring { get; }

    public SqliteOutbox Outbox { get; }

    public OutboxAppender Appender { get; }

    public MqttLink Link { get; }

    public OutboxPublisher Publisher { get; }

    /// <summary>Where a subscriber sees every data topic of the bench gateway.</summary>
    public static string TopicFilter => "egw/" + GatewayId + "/#";

    /// <summary>Channels of one stack: 100 by default, as a large CEMS site has.</summary>
    public static ChannelTable Channels(int count) => new(
        [.. Enumerable.Range(0, count).Select(index => new ChannelDefinition(index, "stack1", $"ch{index:D3}", $"a{21000 + index}", "mg/m³", null))]);

    /// <summary>Starts the consumer on <paramref name="outbox"/> and the publisher over a link to the broker, connected.</summary>
    public static async Task<UplinkChain> StartAsync(SqliteOutbox outbox, int brokerPort, ChannelTable channels, OutboxPublisherOptions publisherOptions, int linkMaxInFlight = 32, UplinkEncoderOptions? encoderOptions = null)
    {
        var ring = new MpscRing<Reading>(65_536);
        var appender = new OutboxAppender(outbox);
        var consumer = new ReadingConsumer(ring, [appender]);
        var consumerThread = consumer.Start();
        var link = new MqttLink(new MqttLinkOptionsBuilder(GatewayId)
            .WithBroker("127.0.0.1", brokerPort)
            .WithMaxInFlight(linkMaxInFlight)
            .WithPublishTimeout(TimeSpan.FromSeconds(30))
            .WithBirth("bench")
            .Build());
        link.Start();
        using (var connectWait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await link.WaitUntilConnectedAsync(connectWait.Token);
        }

        var encoder = new UplinkMessageEncoder(GatewayId, outbox.StoreId, channels, encoderOptions);
        var publisher = new OutboxPublisher(outbox, appender.Durability, encoder, new MqttMessagePublisher(link), publisherOptions);
        publisher.Start();
        return new UplinkChain(ring, outbox, appender, consumerThread, link, publisher);
    }

    public async ValueTask DisposeAsync()
    {
        Ring.Complete();
        _consumerThread.Join();
        await Publisher.DisposeAsync();
        await Link.DisposeAsync();
        Ring.Dispose();
    }
}
