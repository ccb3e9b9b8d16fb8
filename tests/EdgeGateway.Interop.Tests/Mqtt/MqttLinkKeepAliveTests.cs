using System.Text.RegularExpressions;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// The link keeps its connection alive itself (one timer per period, not MQTTnet's 250 ms loop): the CONNECT carries
/// the configured keep-alive, so the broker still drops a silent gateway and publishes its last will; the link pings
/// an idle connection, gives up a broker that stops answering, and honours an MQTT 5 Server Keep Alive.
/// </summary>
public sealed partial class MqttLinkKeepAliveTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_connect_carries_the_configured_keep_alive_and_an_idle_link_pings_and_stays_connected()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-idle") with { KeepAlive = KeepAlive });
        await TestLinks.StartAndWaitAsync(link, broker);

        // mosquitto logs "New client connected from ... as egw-gw-idle (p5, c1, k2)."
        await broker.WaitForLogAsync("as egw-gw-idle (p5, c1, k2)");
        await Poll.UntilAsync(() => PingsFrom(broker, "egw-gw-idle") >= 3, Generous, () => $"three PINGREQs from an idle link:{Environment.NewLine}{broker.Log}");

        Assert.True(link.IsConnected);
        Assert.Equal(0, link.Statistics.Disconnects);
        Assert.DoesNotContain("exceeded timeout", broker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frozen_gateway_gets_its_last_will_published_by_the_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-frozen", MqttProtocolVersion.V500, "egw/gw-frozen/status");
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-frozen") with { KeepAlive = KeepAlive });
        await TestLinks.StartAndWaitAsync(link, broker);
        await platform.WaitForAsync(messages => messages.Count == 1, TimeSpan.FromSeconds(5), "the birth");

        // Power lost: the gateway's TCP connection stays open at the broker and nothing more arrives on it.
        relay.Freeze();
        IReadOnlyList<ReceivedMessage> seen = await platform.WaitForAsync(messages => messages.Count >= 2, Generous, "the last will");

        Assert.Equal("{\"gatewayId\":\"gw-frozen\",\"status\":\"offline\"}", seen[1].Text);
        Assert.Contains("Client egw-gw-frozen has exceeded timeout", broker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_that_stops_answering_pings_is_given_up_and_the_link_reconnects_when_it_answers_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-hung") with { KeepAlive = KeepAlive });
        var states = TestLinks.RecordStates(link);
        await TestLinks.StartAndWaitAsync(link, broker);

        await broker.PauseAsync();
        try
        {
            await Poll.UntilAsync(() => !link.IsConnected, Generous, "the link to give up the hung broker");
        }
        finally
        {
            await broker.ResumeAsync();
        }

        await link.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(Generous, TestContext.Current.CancellationToken);

        Assert.Contains(states, change => change.State == MqttLinkState.Disconnected && change.Problem!.Contains("no PINGRESP", StringComparison.Ordinal));
        Assert.Equal(1, link.Statistics.Disconnects);
        Assert.Equal(PublishStatus.Acknowledged, (await link.PublishAsync("egw/gw-hung/readings", TestLinks.Utf8("back"), cancellationToken: TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task The_link_pings_at_the_brokers_server_keep_alive_when_it_sends_one()
    {
        // With max_keepalive below the client's keep-alive, mosquitto answers an MQTT 5 CONNECT with Server Keep Alive 10
        // (2.0.11 accepts no less) and drops the client after 15 s of silence; the configured 60 s would be too late.
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { ExtraConfiguration = ["max_keepalive 10"] });
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-server-ka") with { KeepAlive = TimeSpan.FromSeconds(60) });
        await TestLinks.StartAndWaitAsync(link, broker);

        await Poll.UntilAsync(() => PingsFrom(broker, "egw-gw-server-ka") >= 2, TimeSpan.FromSeconds(45), () => $"two PINGREQs at the server's keep-alive:{Environment.NewLine}{broker.Log}");

        Assert.True(link.IsConnected);
        Assert.Equal(0, link.Statistics.Disconnects);
        Assert.DoesNotContain("exceeded timeout", broker.Log, StringComparison.Ordinal);
    }

    private static int PingsFrom(MosquittoBroker broker, string clientId) =>
        PingRequest().Matches(broker.Log).Count(match => match.Groups[1].Value == clientId);

    [GeneratedRegex(@"Received PINGREQ from (\S+)")]
    private static partial Regex PingRequest();
}
