using System.Diagnostics;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>The broker goes away (SIGTERM) and comes back on the same port: outcomes, not exceptions, then a reconnect by itself.</summary>
public sealed class MqttLinkOutageTests
{
    [Fact]
    public async Task Publishes_fail_as_disconnected_during_an_outage_and_succeed_after_the_link_reconnects_by_itself()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-outage"));
        var states = TestLinks.RecordStates(link);
        await TestLinks.StartAndWaitAsync(link, broker);
        PublishOutcome before = await link.PublishAsync("egw/gw-outage/readings", TestLinks.Utf8("1"), cancellationToken: TestContext.Current.CancellationToken);

        await broker.StopAsync();
        await Poll.UntilAsync(() => !link.IsConnected, TimeSpan.FromSeconds(5), "the link to notice the outage");
        PublishOutcome during = await link.PublishAsync("egw/gw-outage/readings", TestLinks.Utf8("2"), cancellationToken: TestContext.Current.CancellationToken);
        // Let a few attempts fail against the closed port, so the back-off is exercised rather than skipped.
        await Poll.UntilAsync(() => link.Statistics.ConnectFailures >= 2, TimeSpan.FromSeconds(5), "failed reconnect attempts");

        var restarted = Stopwatch.StartNew();
        await broker.StartAsync();
        await link.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        TimeSpan reconnectDelay = restarted.Elapsed;
        PublishOutcome after = await link.PublishAsync("egw/gw-outage/readings", TestLinks.Utf8("3"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(PublishStatus.Acknowledged, before.Status);
        Assert.Equal(PublishStatus.Disconnected, during.Status);
        Assert.Equal(PublishStatus.Acknowledged, after.Status);
        // Within the back-off ceiling (500 ms, +20 % jitter) plus the connect itself.
        Assert.InRange(reconnectDelay, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        MqttLinkStatistics statistics = link.Statistics;
        Assert.Equal(2, statistics.Connects);
        Assert.Equal(1, statistics.Disconnects);
        Assert.Equal(1, statistics.FailedDisconnected);
        Assert.Contains(states, change => change.State == MqttLinkState.Disconnected && change.Problem!.Contains("cannot reach", StringComparison.Ordinal));
        Assert.Equal(MqttLinkState.Connected, link.State);
    }

    [Fact]
    public async Task Publishes_in_flight_when_the_broker_stops_end_as_disconnected_without_exceptions()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-cut") with { PublishTimeout = TimeSpan.FromSeconds(20) });
        await TestLinks.StartAndWaitAsync(link, broker);
        long before = relay.PublishesToBroker;

        relay.HoldBrokerTraffic();
        Task<PublishOutcome>[] inFlight = Enumerable.Range(0, 5)
            .Select(index => link.PublishAsync("egw/gw-cut/readings", TestLinks.Utf8("r" + index), cancellationToken: TestContext.Current.CancellationToken))
            .ToArray();
        await Poll.UntilAsync(() => relay.PublishesToBroker - before == 5, TimeSpan.FromSeconds(5), "five publishes on the wire");
        relay.ResetConnections();
        PublishOutcome[] outcomes = await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        relay.ReleaseBrokerTraffic();

        Assert.All(outcomes, outcome => Assert.Equal(PublishStatus.Disconnected, outcome.Status));
        await Poll.UntilAsync(() => link.IsConnected, TimeSpan.FromSeconds(5), "the reconnect");
        Assert.Equal(PublishStatus.Acknowledged, (await link.PublishAsync("egw/gw-cut/readings", TestLinks.Utf8("again"), cancellationToken: TestContext.Current.CancellationToken)).Status);
    }
}
