using EdgeGateway.Uplink.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>QoS 1 publishing: acknowledgements, the in-flight window, timeouts and broker refusals as outcomes.</summary>
public sealed class MqttLinkPublishTests
{
    [Fact]
    public async Task Every_qos1_publish_is_acknowledged_and_arrives_once_with_its_properties()
    {
        const int Count = 500;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-readings", MqttProtocolVersion.V500, "egw/gw-qos1/readings");
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-qos1") with { MaxInFlight = 32 });
        await TestLinks.StartAndWaitAsync(link, broker);

        // Issued all at once: the window, not the caller, paces them.
        PublishOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(1, Count).Select(sequence =>
            link.PublishAsync("egw/gw-qos1/readings", TestLinks.Utf8(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                properties: new MqttPublishProperties { UserProperties = [KeyValuePair.Create("seq", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))] },
                cancellationToken: TestContext.Current.CancellationToken)));
        IReadOnlyList<ReceivedMessage> received = await platform.WaitForAsync(messages => messages.Count >= Count, TimeSpan.FromSeconds(10), $"{Count} readings");

        Assert.All(outcomes, outcome => Assert.Equal(PublishStatus.Acknowledged, outcome.Status));
        Assert.Equal(MqttClientPublishReasonCode.Success, outcomes[0].ReasonCode);   // a subscriber matched
        Assert.Equal(Count, received.Count);
        Assert.Equal(Count, received.Select(message => message.Text).Distinct().Count());
        Assert.Equal(received.Select(message => message.Text), received.Select(message => message.UserProperties.Single(property => property.Key == "seq").Value));
        Assert.Equal(Count + 1, link.Statistics.Acknowledged);    // and the birth
        Assert.Equal(0, link.InFlight);
        // mosquitto's CONNACK carries Receive Maximum 20 (its max_inflight_messages); MQTTnet ignores it, the link does not.
        Assert.Equal(20, link.InFlightLimit);
        Assert.InRange(relay.MaxOutstanding, 2, 20);
    }

    [Fact]
    public async Task Never_more_than_the_window_is_awaiting_acknowledgement()
    {
        const int Window = 4;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-window") with { MaxInFlight = Window, PublishTimeout = TimeSpan.FromSeconds(20) });
        await TestLinks.StartAndWaitAsync(link, broker);
        long before = relay.PublishesToBroker;   // the birth

        relay.HoldBrokerTraffic();
        Task<PublishOutcome>[] publishes = Enumerable.Range(0, 3 * Window)
            .Select(index => link.PublishAsync("egw/gw-window/readings", TestLinks.Utf8("r" + index), cancellationToken: TestContext.Current.CancellationToken))
            .ToArray();
        await Poll.UntilAsync(() => relay.PublishesToBroker - before >= Window, TimeSpan.FromSeconds(5), "the first window of publishes on the wire");
        // Deterministic from here: no PUBACK can reach the link while the relay holds them, so nothing else may go out.
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.Equal(Window, relay.PublishesToBroker - before);
        Assert.Equal(Window, link.InFlight);
        Assert.DoesNotContain(publishes, publish => publish.IsCompleted);

        relay.ReleaseBrokerTraffic();
        PublishOutcome[] outcomes = await Task.WhenAll(publishes);

        Assert.All(outcomes, outcome => Assert.Equal(PublishStatus.Acknowledged, outcome.Status));
        Assert.Equal(3 * Window, relay.PublishesToBroker - before);
        Assert.Equal(Window, relay.MaxOutstanding);
        Assert.Equal(Window, link.InFlightLimit);
    }

    [Fact]
    public async Task A_missing_puback_times_out_as_an_outcome_and_frees_the_window()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-timeout") with { MaxInFlight = 1, PublishTimeout = TimeSpan.FromMilliseconds(300) });
        await TestLinks.StartAndWaitAsync(link, broker);

        relay.HoldBrokerTraffic();
        PublishOutcome waitedForAck = await link.PublishAsync("egw/gw-timeout/readings", TestLinks.Utf8("1"), cancellationToken: TestContext.Current.CancellationToken);
        relay.ReleaseBrokerTraffic();
        PublishOutcome next = await link.PublishAsync("egw/gw-timeout/readings", TestLinks.Utf8("2"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(PublishStatus.TimedOut, waitedForAck.Status);
        Assert.StartsWith("no acknowledgement within 0.3 s", waitedForAck.Detail, StringComparison.Ordinal);
        Assert.False(waitedForAck.Succeeded);
        // The late PUBACK of the first is harmless to MQTTnet 5.2 (it used to drop the connection, MQTTnet#2078).
        Assert.Equal(PublishStatus.Acknowledged, next.Status);
        Assert.True(link.IsConnected);
        Assert.Equal(1, link.Statistics.FailedTimedOut);
    }

    [Fact]
    public async Task A_publish_the_broker_refuses_is_rejected_with_its_reason_code()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { DeniedTopics = ["egw/gw-acl/forbidden/#"] });
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-acl"));
        await TestLinks.StartAndWaitAsync(link, broker);

        PublishOutcome denied = await link.PublishAsync("egw/gw-acl/forbidden/x", TestLinks.Utf8("no"), cancellationToken: TestContext.Current.CancellationToken);
        PublishOutcome allowed = await link.PublishAsync("egw/gw-acl/readings", TestLinks.Utf8("yes"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(PublishStatus.Rejected, denied.Status);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, denied.ReasonCode);
        Assert.Equal(PublishStatus.Acknowledged, allowed.Status);
        Assert.Equal(1, link.Statistics.FailedRejected);
        await broker.WaitForLogAsync("Denied PUBLISH from egw-gw-acl");
    }

    [Fact]
    public async Task Qos0_is_sent_without_waiting_and_bad_topics_are_caller_errors()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-qos0"));
        await TestLinks.StartAndWaitAsync(link, broker);

        PublishOutcome sent = await link.PublishAsync("egw/gw-qos0/heartbeat", TestLinks.Utf8("1"), MqttQualityOfServiceLevel.AtMostOnce, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(PublishStatus.Sent, sent.Status);
        await Assert.ThrowsAsync<ArgumentException>(() => link.PublishAsync("egw/+/readings", TestLinks.Utf8("x"), cancellationToken: TestContext.Current.CancellationToken));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => link.PublishAsync("egw/gw-qos0/readings", TestLinks.Utf8("x"), cancellationToken: cancelled.Token));
    }
}
