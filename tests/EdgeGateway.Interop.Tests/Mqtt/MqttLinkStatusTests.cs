using System.Text.Json;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>The retained status topic: birth "online" after each connect, last will "offline", explicit "offline" on shutdown.</summary>
public sealed class MqttLinkStatusTests
{
    [Fact]
    public async Task A_late_subscriber_sees_the_retained_online_birth_with_version_and_start_time()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-birth"));
        await TestLinks.StartAndWaitAsync(link, broker);

        // Subscribed only after the birth was acknowledged: it can only arrive as a retained message.
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-late", MqttProtocolVersion.V500, "egw/+/status");
        ReceivedMessage birth = (await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the retained birth"))[0];

        Assert.Equal("egw/gw-birth/status", birth.Topic);
        Assert.True(birth.Retain);
        Assert.Equal("application/json", birth.ContentType);
        using JsonDocument status = JsonDocument.Parse(birth.Payload);
        Assert.Equal("gw-birth", status.RootElement.GetProperty("gatewayId").GetString());
        Assert.Equal("online", status.RootElement.GetProperty("status").GetString());
        Assert.Equal(TestLinks.SoftwareVersion, status.RootElement.GetProperty("version").GetString());
        Assert.Equal("2026-01-02T03:04:05.000Z", status.RootElement.GetProperty("startedAt").GetString());
        Assert.True(status.RootElement.TryGetProperty("connectedAt", out _));
    }

    [Fact]
    public async Task The_last_will_says_offline_when_the_connection_drops_and_the_birth_returns_after_the_reconnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-status", MqttProtocolVersion.V500, "egw/gw-will/status");
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-will"));
        var states = TestLinks.RecordStates(link);
        await TestLinks.StartAndWaitAsync(link, broker);
        await platform.WaitForAsync(messages => messages.Count == 1, TimeSpan.FromSeconds(5), "the birth");

        // A TCP reset with no DISCONNECT, as when a 4G link dies: only the broker can tell the platform.
        relay.ResetConnections();
        IReadOnlyList<ReceivedMessage> seen = await platform.WaitForAsync(messages => messages.Count >= 3, TimeSpan.FromSeconds(10), "offline (will), then online again");

        Assert.Equal(["online", "offline", "online"], seen.Take(3).Select(message => StatusOf(message)));
        Assert.Equal("{\"gatewayId\":\"gw-will\",\"status\":\"offline\"}", seen[1].Text);
        Assert.Contains(states, change => change.State == MqttLinkState.Disconnected && change.Problem!.StartsWith("the connection was lost", StringComparison.Ordinal));
        await Poll.UntilAsync(() => link.IsConnected, TimeSpan.FromSeconds(5), "the link back");
        Assert.Equal(1, link.Statistics.Disconnects);
        Assert.Equal(2, link.Statistics.Connects);
        Assert.Equal(2, relay.ConnectionsAccepted);
    }

    [Fact]
    public async Task A_clean_shutdown_publishes_offline_retained_because_the_will_is_suppressed()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var link = new MqttLink(TestLinks.Options(broker.Port, "gw-bye"));
        await TestLinks.StartAndWaitAsync(link, broker);

        await link.DisposeAsync();
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-after", MqttProtocolVersion.V500, "egw/gw-bye/status");
        ReceivedMessage retained = (await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the retained status"))[0];

        Assert.True(retained.Retain);
        Assert.Equal("offline", StatusOf(retained));
        Assert.Equal(MqttLinkState.Stopped, link.State);
        await broker.WaitForLogAsync("Received DISCONNECT from egw-gw-bye");
        Assert.DoesNotContain("Client egw-gw-bye closed its connection", broker.Log, StringComparison.Ordinal);
    }

    private static string? StatusOf(ReceivedMessage message)
    {
        using JsonDocument document = JsonDocument.Parse(message.Payload);
        return document.RootElement.GetProperty("status").GetString();
    }
}
