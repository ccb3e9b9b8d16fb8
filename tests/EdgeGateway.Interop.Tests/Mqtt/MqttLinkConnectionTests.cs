using EdgeGateway.Uplink.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>Connecting to a real mosquitto: anonymous, with a password (inline and from a file), refused.</summary>
public sealed class MqttLinkConnectionTests
{
    [Theory]
    [InlineData(MqttProtocolLevel.Mqtt5)]
    [InlineData(MqttProtocolLevel.Mqtt311)]
    public async Task Connects_plain_and_gets_publishes_acknowledged(MqttProtocolLevel protocol)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-plain") with { Protocol = protocol });

        await TestLinks.StartAndWaitAsync(link, broker);
        PublishOutcome outcome = await link.PublishAsync(link.TopicRoot + "/readings", TestLinks.Utf8("{\"seq\":1}"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(link.IsConnected);
        Assert.Equal(MqttLinkState.Connected, link.State);
        Assert.Null(link.Problem);
        Assert.Equal(PublishStatus.Acknowledged, outcome.Status);
        Assert.True(outcome.Succeeded);
        // mosquitto answers "no matching subscribers" under MQTT 5; MQTTnet counts it as success, and so do we.
        Assert.Equal(protocol == MqttProtocolLevel.Mqtt5 ? MqttClientPublishReasonCode.NoMatchingSubscribers : MqttClientPublishReasonCode.Success, outcome.ReasonCode);
        MqttLinkStatistics statistics = link.Statistics;
        Assert.Equal(1, statistics.Connects);
        Assert.Equal(2, statistics.Publishes);      // the birth and ours
        Assert.Equal(2, statistics.Acknowledged);
        Assert.Equal(0, statistics.Failures);
        // mosquitto 2.0.11 logs its own protocol number: p5 for MQTT 5, p2 for 3.1.1 (not the wire level 4).
        await broker.WaitForLogAsync($"as egw-gw-plain (p{(protocol == MqttProtocolLevel.Mqtt5 ? 5 : 2)}, c1, k5)");
    }

    [Fact]
    public async Task Connects_with_a_password_inline_or_from_a_file()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Users = new Dictionary<string, string> { ["gw"] = "s3cret pass" } });
        string passwordFile = Path.Combine(broker.Directory, "mqtt-password");
        await File.WriteAllTextAsync(passwordFile, "s3cret pass\n", TestContext.Current.CancellationToken);   // as `echo` writes it

        await using var inline = new MqttLink(TestLinks.Options(broker.Port, "gw-inline") with { Username = "gw", Password = "s3cret pass" });
        await using var fromFile = new MqttLink(TestLinks.Options(broker.Port, "gw-file") with { Username = "gw", PasswordFile = passwordFile });
        await TestLinks.StartAndWaitAsync(inline, broker);
        await TestLinks.StartAndWaitAsync(fromFile, broker);

        Assert.True(inline.IsConnected);
        Assert.True(fromFile.IsConnected);
        await broker.WaitForLogAsync("as egw-gw-file (p5, c1, k5, u'gw')");
    }

    [Theory]
    [InlineData(MqttProtocolLevel.Mqtt5)]
    [InlineData(MqttProtocolLevel.Mqtt311)]
    public async Task A_wrong_password_is_refused_with_a_clear_error_and_retried_without_crashing(MqttProtocolLevel protocol)
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Users = new Dictionary<string, string> { ["gw"] = "right" } });
        var link = new MqttLink(TestLinks.Options(broker.Port, "gw-wrong") with { Protocol = protocol, Username = "gw", Password = "wrong" });
        var states = TestLinks.RecordStates(link);

        link.Start();
        await Poll.UntilAsync(() => link.Statistics.Refusals >= 2, TimeSpan.FromSeconds(10), () => $"two refusals; states: {string.Join(" | ", states)}");
        PublishOutcome outcome = await link.PublishAsync(link.TopicRoot + "/readings", TestLinks.Utf8("x"), cancellationToken: TestContext.Current.CancellationToken);

        MqttLinkStateChangedEventArgs refused = states.First(change => change.State == MqttLinkState.Refused);
        // mosquitto 2.0.11 answers a wrong password with "not authorised" (0x87; 5 under 3.1.1), not 0x86.
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.Refusal);
        Assert.Contains("refused the connection: not authorised", refused.Problem, StringComparison.Ordinal);
        Assert.Contains("check Username and Password/PasswordFile", refused.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(states, change => change.State == MqttLinkState.Connected);
        Assert.False(link.IsConnected);
        Assert.Equal(PublishStatus.Disconnected, outcome.Status);
        Assert.Equal(0, link.Statistics.Connects);

        await link.DisposeAsync();
        Assert.Equal(MqttLinkState.Stopped, link.State);
    }

    [Fact]
    public async Task Anonymous_access_to_a_password_broker_is_refused_as_not_authorised()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Users = new Dictionary<string, string> { ["gw"] = "right" } });
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-anonymous"));
        var states = TestLinks.RecordStates(link);

        link.Start();
        await Poll.UntilAsync(() => states.Any(change => change.State == MqttLinkState.Refused), TimeSpan.FromSeconds(10), () => string.Join(" | ", states));

        MqttLinkStateChangedEventArgs refused = states.First(change => change.State == MqttLinkState.Refused);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.Refusal);
        Assert.Contains("not authorised", refused.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_broker_is_a_connect_failure_retried_with_back_off()
    {
        int nobodyListens = Peers.FreeTcpPort.Next();
        await using var link = new MqttLink(TestLinks.Options(nobodyListens, "gw-unreachable"));
        var states = TestLinks.RecordStates(link);

        link.Start();
        await Poll.UntilAsync(() => link.Statistics.ConnectFailures >= 3, TimeSpan.FromSeconds(10), () => string.Join(" | ", states));

        Assert.Equal(MqttLinkState.Disconnected, states.First(change => change.Problem is not null).State);
        Assert.Contains("ConnectionRefused", link.Problem ?? states.Last(change => change.Problem is not null).Problem, StringComparison.Ordinal);
        Assert.Equal(0, link.Statistics.Refusals);
    }

    [Fact]
    public async Task A_subscriber_on_3_1_1_and_the_link_on_5_interoperate()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestClient.ConnectAsync(broker.Port, "platform-311", MqttProtocolVersion.V311, "egw/+/readings");
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-mixed"));
        await TestLinks.StartAndWaitAsync(link, broker);

        PublishOutcome outcome = await link.PublishAsync("egw/gw-mixed/readings", TestLinks.Utf8("{\"seq\":7}"),
            properties: new MqttPublishProperties { ContentType = "application/json", UserProperties = [KeyValuePair.Create("schema", "1")] },
            cancellationToken: TestContext.Current.CancellationToken);
        IReadOnlyList<ReceivedMessage> received = await subscriber.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the reading");

        Assert.Equal(MqttClientPublishReasonCode.Success, outcome.ReasonCode);
        Assert.Equal("{\"seq\":7}", Assert.Single(received).Text);
    }
}
