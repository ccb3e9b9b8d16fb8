using System.Text;
using EdgeGateway.Core.Uplink.Mqtt;
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
        var requests = new System.Collections.Concurrent.ConcurrentQueue<MqttCommandRequest>();
        link.MapCommands(link.CommandTopicFilter, (request, _) =>
        {
            requests.Enqueue(request);
            return ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(Encoding.UTF8.GetBytes("pong:" + Encoding.UTF8.GetString(request.Payload.Span)))
            {
                ContentType = "text/plain",
                UserProperties = [KeyValuePair.Create("status", "ok")],
            });
        });
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-requester", MqttProtocolVersion.V500, "platform/replies/#");
        byte[] correlation = [0xC0, 0xFF, 0xEE, 0x01];

        await platform.PublishAsync("egw/gw-cmd/cmd/ping", "hello", responseTopic: "platform/replies/gw-cmd", correlationData: correlation);
        ReceivedMessage reply = (await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the reply"))[0];

        MqttCommandRequest request = Assert.Single(requests);
        Assert.Equal("egw/gw-cmd/cmd/ping", request.Topic);
        Assert.Equal("platform/replies/gw-cmd", request.ResponseTopic);
        Assert.Equal("platform/replies/gw-cmd", request.ReplyTopic);
        Assert.Equal(correlation, request.CorrelationData?.ToArray());
        Assert.Equal("platform/replies/gw-cmd", reply.Topic);
        Assert.Equal("pong:hello", reply.Text);
        Assert.Equal(correlation, reply.CorrelationData);
        Assert.Equal("text/plain", reply.ContentType);
        Assert.Contains(KeyValuePair.Create("status", "ok"), reply.UserProperties);
        Assert.False(reply.Retain);
        Assert.Equal(1, link.Statistics.CommandsReceived);
        await Poll.UntilAsync(() => link.Statistics.RepliesSent == 1, TimeSpan.FromSeconds(5), "the reply counted");
    }

    [Fact]
    public async Task On_3_1_1_a_command_is_answered_on_the_conventional_reply_topic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-311") with { Protocol = MqttProtocolLevel.Mqtt311 });
        link.MapCommands(link.CommandTopicFilter, (request, _) =>
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
        link.MapCommands("egw/gw-resub/cmd/fail", (_, _) => throw new InvalidOperationException("handler bug"));
        link.MapCommands(link.CommandTopicFilter, (request, _) => ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(request.Payload)));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-resub", MqttProtocolVersion.V500, "platform/replies/#");

        await platform.PublishAsync("egw/gw-resub/cmd/fail", "boom", responseTopic: "platform/replies/fail");
        relay.ResetConnections();
        await Poll.UntilAsync(() => link.Statistics.Connects == 2 && link.IsConnected, TimeSpan.FromSeconds(5), "the reconnect");
        await platform.PublishAsync("egw/gw-resub/cmd/echo", "after", responseTopic: "platform/replies/echo");
        ReceivedMessage reply = (await platform.WaitForAsync(messages => messages.Any(message => message.Topic == "platform/replies/echo"), TimeSpan.FromSeconds(5), "the echo"))
            .First(message => message.Topic == "platform/replies/echo");

        Assert.Equal("after", reply.Text);
        Assert.DoesNotContain(platform.Messages, message => message.Topic == "platform/replies/fail");
    }

    [Fact]
    public async Task With_a_session_expiry_a_command_sent_during_an_outage_arrives_after_the_reconnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var relay = MqttTcpRelay.Start(broker.Port);
        await using var link = new MqttLink(TestLinks.Options(relay.Port, "gw-session") with { SessionExpiry = TimeSpan.FromMinutes(5) });
        link.MapCommands(link.CommandTopicFilter, (request, _) => ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(request.Payload)));
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-session", MqttProtocolVersion.V500, "platform/replies/#");

        relay.Refusing = true;
        relay.ResetConnections();
        await Poll.UntilAsync(() => !link.IsConnected && link.Statistics.ConnectFailures >= 1, TimeSpan.FromSeconds(5), "the link kept out");
        await platform.PublishAsync("egw/gw-session/cmd/while-away", "queued", responseTopic: "platform/replies/session");
        relay.Refusing = false;
        ReceivedMessage reply = (await platform.WaitForAsync(messages => messages.Count >= 1, TimeSpan.FromSeconds(5), "the reply to the queued command"))[0];

        Assert.Equal("queued", reply.Text);
        await broker.WaitForLogAsync("as egw-gw-session (p5, c0, k5)");   // c0: clean start off, so the broker kept the session
    }
}
