using System.Text;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>Commands from the platform and their replies: MQTT 5 response topic and correlation data, and the 3.1.1 convention.</summary>
public sealed class MqttLinkCommandTests
{
    [Fact]
    public async Task An_mqtt5_request_is_answered_on_its_response_topic_with_its_correlation_data()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-cmd"));
        var commands = new MqttCommandResponder(link);
        var requests = new System.Collections.Concurrent.ConcurrentQueue<MqttCommandRequest>();
        commands.Map(commands.CommandTopicFilter, (request, _) =>
        {
            requests.Enqueue(request);
            return ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(Encoding.UTF8.GetBytes("pong:" + Encoding.UTF8.GetString(request.Payload.Span)))
            {
                ContentType = "text/plain",
                UserProperties = [KeyValuePair.Create("status", "ok")],
            });
        });
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-requester", MqttProtocolVersion.V500, "egw/gw-cmd/reply/#");
        byte[] correlation = [0xC0, 0xFF, 0xEE, 0x01];

        await platform.PublishAsync("egw/gw-cmd/cmd/ping", "hello", responseTopic: "egw/gw-cmd/reply/platform", correlationData: correlation);
        ReceivedMessage reply = (await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the reply"))[0];

        MqttCommandRequest request = Assert.Single(requests);
        Assert.Equal("egw/gw-cmd/cmd/ping", request.Topic);
        Assert.Equal("egw/gw-cmd/reply/platform", request.ResponseTopic);
        Assert.Equal("egw/gw-cmd/reply/platform", request.ReplyTopic);
        Assert.Equal(correlation, request.CorrelationData?.ToArray());
        Assert.Equal("egw/gw-cmd/reply/platform", reply.Topic);
        Assert.Equal("pong:hello", reply.Text);
        Assert.Equal(correlation, reply.CorrelationData);
        Assert.Equal("text/plain", reply.ContentType);
        Assert.Contains(KeyValuePair.Create("status", "ok"), reply.UserProperties);
        Assert.False(reply.Retain);
        Assert.Equal(1, commands.Statistics.CommandsReceived);
        await Poll.UntilAsync(() => commands.Statistics.RepliesSent == 1, TimeSpan.FromSeconds(5), "the reply counted");
    }

    [Fact]
    public async Task On_3_1_1_a_command_is_answered_on_the_conventional_reply_topic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-311") with { Protocol = MqttProtocolLevel.Mqtt311 });
        var commands = new MqttCommandResponder(link);
        commands.Map(commands.CommandTopicFilter, (request, _) =>
            ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(Encoding.UTF8.GetBytes("{\"id\":\"42\",\"result\":\"pong\"}"))));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-311", MqttProtocolVersion.V311, "egw/gw-311/reply/#");

        await platform.PublishAsync("egw/gw-311/cmd/ping", "{\"id\":\"42\"}");
        ReceivedMessage reply = (await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the reply"))[0];

        Assert.Equal("egw/gw-311/reply/ping", reply.Topic);
        Assert.Equal("{\"id\":\"42\",\"result\":\"pong\"}", reply.Text);
    }

    [Fact]
    public async Task Commands_keep_arriving_after_a_reconnect_and_a_failing_handler_does_not_break_the_link()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-resub"));
        var commands = new MqttCommandResponder(link);
        commands.Map("egw/gw-resub/cmd/fail", (_, _) => throw new InvalidOperationException("handler bug"));
        commands.Map(commands.CommandTopicFilter, (request, _) => ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(request.Payload)));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-resub", MqttProtocolVersion.V500, "egw/gw-resub/reply/#");

        await platform.PublishAsync("egw/gw-resub/cmd/fail", "boom", responseTopic: "egw/gw-resub/reply/fail");
        relay.ResetConnections();
        await Poll.UntilAsync(() => link.Statistics.Connects == 2 && link.IsConnected, TimeSpan.FromSeconds(5), "the reconnect");
        await platform.PublishAsync("egw/gw-resub/cmd/echo", "after", responseTopic: "egw/gw-resub/reply/echo");
        ReceivedMessage reply = (await platform.WaitForAsync(messages => messages.Any(message => message.Topic == "egw/gw-resub/reply/echo"), TimeSpan.FromSeconds(5), "the echo"))
            .First(message => message.Topic == "egw/gw-resub/reply/echo");

        Assert.Equal("after", reply.Text);
        Assert.DoesNotContain(platform.Messages, message => message.Topic == "egw/gw-resub/reply/fail");
    }

    [Fact]
    public async Task With_a_session_expiry_a_command_sent_during_an_outage_arrives_after_the_reconnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-session") with { SessionExpiry = TimeSpan.FromMinutes(5) });
        var commands = new MqttCommandResponder(link);
        commands.Map(commands.CommandTopicFilter, (request, _) => ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(request.Payload)));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-session", MqttProtocolVersion.V500, "egw/gw-session/reply/#");

        relay.Refusing = true;
        relay.ResetConnections();
        await Poll.UntilAsync(() => !link.IsConnected && link.Statistics.ConnectFailures >= 1, TimeSpan.FromSeconds(5), "the link kept out");
        await platform.PublishAsync("egw/gw-session/cmd/while-away", "queued", responseTopic: "egw/gw-session/reply/session");
        relay.Refusing = false;
        ReceivedMessage reply = (await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the reply to the queued command"))[0];

        Assert.Equal("queued", reply.Text);
        await broker.WaitForLogAsync("as egw-gw-session (p5, c0, k5)");   // c0: clean start off, so the broker kept the session
    }

    [Theory]
    [InlineData("egw/gw-refuse/readings")]
    [InlineData("$SYS/x")]
    [InlineData("egw/other-gateway/reply/x")]
    [InlineData("platform/replies/x")]
    [InlineData("egw/gw-refuse/reply")]
    [InlineData("egw/gw-refuse/replyx/y")]
    public async Task Command_response_topic_outside_the_reply_root_is_refused_neither_run_nor_answered(string responseTopic)
    {
        // Issue 14, defect 8: the MQTT 5 response topic was used as given (a reply onto the readings topic, or to $SYS).
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-refuse"));
        var commands = new MqttCommandResponder(link);
        var run = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var ignored = new System.Collections.Concurrent.ConcurrentQueue<MqttCommandIgnoredEventArgs>();
        commands.CommandIgnored += (_, args) => ignored.Enqueue(args);
        commands.Map(commands.CommandTopicFilter, (request, _) =>
        {
            run.Enqueue(request.Topic);
            return ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(Encoding.UTF8.GetBytes("reply")));
        });
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-refuse", MqttProtocolVersion.V500, "egw/#", "platform/#", responseTopic);

        await platform.PublishAsync("egw/gw-refuse/cmd/write-register", "{}", responseTopic: responseTopic);
        await platform.PublishAsync("egw/gw-refuse/cmd/ping", "{}", responseTopic: "egw/gw-refuse/reply/ok");
        await platform.WaitForAsync(messages => messages.Any(message => message.Topic == "egw/gw-refuse/reply/ok"), TimeSpan.FromSeconds(10), "the reply to the good command");

        // Commands are handled in order, so a reply to the first would have come before the second's.
        Assert.Equal(["egw/gw-refuse/cmd/ping"], run);
        Assert.DoesNotContain(platform.Messages, message => message.Topic == responseTopic || message.Text == "reply" && message.Topic != "egw/gw-refuse/reply/ok");
        var refusal = Assert.Single(ignored);
        Assert.Equal(MqttCommandIgnoredReason.ReplyTopicRefused, refusal.Reason);
        Assert.Equal(responseTopic, refusal.ResponseTopic);
        Assert.Equal(1, commands.Statistics.CommandsIgnored);
        Assert.True(link.IsConnected);
    }

    [Fact]
    public async Task Command_reply_to_a_dollar_topic_on_a_broker_that_drops_such_publishers_keeps_the_link()
    {
        // Issue 14, defect 8: replies to $SYS/x dropped the link 4 times in 5 on a broker with max_queued_messages 0.
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { ExtraConfiguration = ["max_queued_messages 0"] });
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-sys"));
        var commands = new MqttCommandResponder(link);
        commands.Map(commands.CommandTopicFilter, (request, _) => ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(request.Payload)));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-sys", MqttProtocolVersion.V500, "egw/gw-sys/reply/#");

        for (var i = 0; i < 5; i++)
        {
            await platform.PublishAsync("egw/gw-sys/cmd/ping", "x", responseTopic: "$SYS/x");
        }

        await platform.PublishAsync("egw/gw-sys/cmd/ping", "after", responseTopic: "egw/gw-sys/reply/after");
        await platform.WaitForAsync(messages => messages.Any(message => message.Text == "after"), TimeSpan.FromSeconds(10), "the reply after five $SYS requests");
        Assert.Equal(1, link.Statistics.Connects);
        Assert.Equal(0, link.Statistics.Disconnects);
        Assert.Equal(5, commands.Statistics.CommandsIgnored);
    }

    [Fact]
    public async Task Retained_command_runs_once_live_and_is_ignored_with_an_event_on_every_reconnect()
    {
        // Issue 14, defect 8: a retained command ran again on every reconnect.
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-retained"));
        var commands = new MqttCommandResponder(link);
        var run = 0;
        var ignored = new System.Collections.Concurrent.ConcurrentQueue<MqttCommandIgnoredEventArgs>();
        commands.CommandIgnored += (_, args) => ignored.Enqueue(args);
        commands.Map(commands.CommandTopicFilter, (request, _) =>
        {
            Interlocked.Increment(ref run);
            return ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(request.Payload));
        });
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-retained", MqttProtocolVersion.V500, "egw/gw-retained/reply/#");

        await platform.PublishAsync("egw/gw-retained/cmd/set-rt-interval", "live", retain: true);
        await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(10), "the reply to the live delivery");
        for (var reconnect = 1; reconnect <= 2; reconnect++)
        {
            relay.ResetConnections();
            var expected = reconnect;
            await Poll.UntilAsync(() => ignored.Count >= expected, TimeSpan.FromSeconds(10), "the retained replay ignored");
        }

        Assert.Equal(1, Volatile.Read(ref run));
        Assert.All(ignored, replay => Assert.Equal(MqttCommandIgnoredReason.Retained, replay.Reason));
        Assert.Equal("egw/gw-retained/cmd/set-rt-interval", ignored.First().Topic);
        Assert.Single(platform.Messages);
        Assert.Equal(2, commands.Statistics.CommandsIgnored);
    }
}
