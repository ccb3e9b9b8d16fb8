using System.Text.Json;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Uplink;
using EdgeGateway.Uplink;
using EdgeGateway.Uplink.Commands;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>
/// The platform's commands over a real mosquitto, the way the host wires them: the handler mapped on
/// <c>{root}/cmd/#</c> of an <see cref="MqttLink"/>, and a plain MQTTnet client as the platform. Every request sent and
/// every reply received is checked against docs/schemas.
/// </summary>
public sealed class PlatformCommandInteropTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_mqtt5_request_is_answered_on_its_response_topic_with_its_correlation_data()
    {
        const string GatewayId = "gw-cmd5";
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, GatewayId));
        var commands = new MqttCommandResponder(link);
        await using var handler = new PlatformCommandHandler(new PlatformCommandOptions(), Dependencies(GatewayId));
        commands.Map(commands.CommandTopicFilter, handler.HandleAsync);
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-5", MqttProtocolVersion.V500, $"egw/{GatewayId}/reply/#");
        byte[] correlation = [0x01, 0x02, 0x03, 0xFE];

        await SendAsync(platform, GatewayId, "ping", "{}", responseTopic: $"egw/{GatewayId}/reply/platform", correlationData: correlation);
        var reply = (await platform.WaitForAsync(messages => messages.Count >= 1, Timeout, "the ping reply"))[0];

        Assert.Equal($"egw/{GatewayId}/reply/platform", reply.Topic);
        Assert.Equal(correlation, reply.CorrelationData);
        Assert.Equal(UplinkContract.ContentType, reply.ContentType);
        Assert.False(reply.Retain);
        using var body = JsonDocument.Parse(reply.Payload);
        Assert.Equal(GatewayId, body.RootElement.GetProperty("gatewayId").GetString());
        Assert.Equal("ping", body.RootElement.GetProperty("command").GetString());
        Assert.True(body.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(TestLinks.SoftwareVersion, body.RootElement.GetProperty("result").GetProperty("version").GetString());
        Assert.False(body.RootElement.TryGetProperty("id", out _));
        AssertReplyMatchesSchema(reply);
    }

    [Fact]
    public async Task On_3_1_1_the_reply_goes_to_the_conventional_topic_and_repeats_the_request_id()
    {
        const string GatewayId = "gw-cmd311";
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, GatewayId) with { Protocol = MqttProtocolLevel.Mqtt311 });
        var commands = new MqttCommandResponder(link);
        await using var handler = new PlatformCommandHandler(new PlatformCommandOptions(), Dependencies(GatewayId) with { ClockStatus = new LinuxClockStatusProbe() });
        commands.Map(commands.CommandTopicFilter, handler.HandleAsync);
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-311", MqttProtocolVersion.V311, $"egw/{GatewayId}/reply/#");

        await SendAsync(platform, GatewayId, "get-time", """{"id":"req-311"}""");
        var reply = (await platform.WaitForAsync(messages => messages.Count >= 1, Timeout, "the get-time reply"))[0];

        Assert.Equal($"egw/{GatewayId}/reply/get-time", reply.Topic);
        using var body = JsonDocument.Parse(reply.Payload);
        Assert.Equal("req-311", body.RootElement.GetProperty("id").GetString());
        Assert.True(body.RootElement.GetProperty("ok").GetBoolean(), reply.Text);
        var time = DateTimeOffset.Parse(body.RootElement.GetProperty("result").GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("system", body.RootElement.GetProperty("result").GetProperty("source").GetString());
        AssertReplyMatchesSchema(reply);
    }

    [Fact]
    public async Task Unknown_malformed_and_forbidden_commands_get_error_replies()
    {
        const string GatewayId = "gw-cmd-err";
        await using var broker = await MosquittoBroker.StartAsync();
        await using var link = new MqttLink(TestLinks.Options(broker.Port, GatewayId));
        var commands = new MqttCommandResponder(link);
        await using var handler = new PlatformCommandHandler(new PlatformCommandOptions(), Dependencies(GatewayId));
        commands.Map(commands.CommandTopicFilter, handler.HandleAsync);
        await TestLinks.StartAndWaitAsync(link, broker);
        await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-err", MqttProtocolVersion.V500, $"egw/{GatewayId}/reply/#");

        await SendAsync(platform, GatewayId, "self-destruct", """{"id":1}""", validate: false);
        await SendAsync(platform, GatewayId, "set-rt-interval", """{"id":2,"seconds":""", validate: false);
        // write-register was removed (it could never run): a platform that still sends it hears what any unknown command hears.
        await SendAsync(platform, GatewayId, "write-register", """{"id":3,"device":"cems","address":100,"value":1}""", validate: false);
        var replies = await platform.WaitForAsync(messages => messages.Count >= 3, Timeout, "three error replies");

        var byTopic = replies.ToDictionary(reply => reply.Topic[$"egw/{GatewayId}/reply/".Length..]);
        AssertError(byTopic["self-destruct"], CommandErrorCodes.UnknownCommand, expectedId: 1);
        AssertError(byTopic["set-rt-interval"], CommandErrorCodes.Malformed, expectedId: null);   // unreadable, so no id to repeat
        AssertError(byTopic["write-register"], CommandErrorCodes.UnknownCommand, expectedId: 3);
        using (var writeRegister = JsonDocument.Parse(byTopic["write-register"].Payload))
        {
            Assert.StartsWith("unknown command 'write-register'", writeRegister.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        Assert.True(link.IsConnected);
    }

    [Fact]
    public async Task History_re_sends_stored_aggregates_with_their_original_sequence_numbers()
    {
        const string GatewayId = "gw-hist";
        var directory = Directory.CreateTempSubdirectory("egw-history-");
        try
        {
            using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(directory.FullName, "outbox.db"), CheckIntegrityAtOpen = false });
            var stored = FillOutbox(outbox);
            await using var broker = await MosquittoBroker.StartAsync();
            await using var link = new MqttLink(TestLinks.Options(broker.Port, GatewayId));
            var commands = new MqttCommandResponder(link);
            var dependencies = Dependencies(GatewayId) with
            {
                Outbox = outbox,
                HistoryEncoder = new UplinkMessageEncoder(GatewayId, outbox.StoreId, Channels()),
                HistoryPublisher = new MqttMessagePublisher(link),
            };
            await using var handler = new PlatformCommandHandler(new PlatformCommandOptions { HistoryMessagesPerSecond = 500 }, dependencies);
            commands.Map(commands.CommandTopicFilter, handler.HandleAsync);
            await TestLinks.StartAndWaitAsync(link, broker);
            await using var platform = await MqttTestClient.ConnectAsync(broker.Port, "platform-hist", MqttProtocolVersion.V500,
                $"egw/{GatewayId}/aggregates/#", $"egw/{GatewayId}/readings", $"egw/{GatewayId}/reply/#");

            // The first 10 minutes in site time (16:00 CST = 08:00 UTC), HJ 212 style: 2 channels x 10 windows.
            await SendAsync(platform, GatewayId, "history", """{"id":"h-1","cn":"2051","beginTime":"20260301160000","endTime":"20260301160959"}""",
                responseTopic: $"egw/{GatewayId}/reply/history", correlationData: [7, 7]);
            var expected = stored.Where(record => record.Record.StartUtc < Start.AddMinutes(10)).Select(record => record.Sequence).ToArray();
            var received = await platform.WaitForAsync(
                messages => messages.Where(message => message.Topic.EndsWith("/aggregates/minute", StringComparison.Ordinal)).Sum(message => AggregateRecords.Of(message.Payload).Count) >= expected.Length
                    && messages.Any(message => message.Topic == $"egw/{GatewayId}/reply/history"),
                Timeout,
                $"the reply and {expected.Length} re-sent minute records");

            var reply = received.Single(message => message.Topic == $"egw/{GatewayId}/reply/history");
            Assert.Equal([7, 7], reply.CorrelationData);
            using (var body = JsonDocument.Parse(reply.Payload))
            {
                var result = body.RootElement.GetProperty("result");
                Assert.Equal("h-1", body.RootElement.GetProperty("id").GetString());
                Assert.Equal(expected.Length, result.GetProperty("records").GetInt32());
                Assert.Equal("2026-03-01T08:10:00.000Z", result.GetProperty("end").GetString());
                Assert.Equal(expected[0], result.GetProperty("firstSequence").GetInt64());
                Assert.Equal(expected[^1], result.GetProperty("lastSequence").GetInt64());
            }

            AssertReplyMatchesSchema(reply);
            var resent = received.Where(message => message.Topic.EndsWith("/aggregates/minute", StringComparison.Ordinal)).ToArray();
            Assert.DoesNotContain(received, message => message.Topic.EndsWith("/readings", StringComparison.Ordinal));
            using var schemas = new ContractSchemas();
            var sequences = new List<long>();
            foreach (var message in resent)
            {
                Assert.Empty(schemas.Validate("aggregates/minute", message.Payload));
                using var document = JsonDocument.Parse(message.Payload);
                var root = document.RootElement;
                Assert.True(root.GetProperty("resent").GetBoolean());
                Assert.Equal(outbox.StoreId.ToString("D"), root.GetProperty("storeId").GetString());
                var records = AggregateRecords.Of(root);
                Assert.Equal(root.GetProperty("firstSequence").GetInt64(), records[0].GetProperty("sequence").GetInt64());
                Assert.Equal(root.GetProperty("lastSequence").GetInt64(), records[^1].GetProperty("sequence").GetInt64());
                sequences.AddRange(records.Select(record => record.GetProperty("sequence").GetInt64()));
            }

            Assert.Equal(expected, sequences.Order());
            await Poll.UntilAsync(() => !handler.Statistics.HistoryRunning, Timeout, "the re-send to end");
            Assert.Equal(resent.Length, handler.Statistics.HistoryMessagesSent);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static PlatformCommandDependencies Dependencies(string gatewayId) => new()
    {
        GatewayId = gatewayId,
        SoftwareVersion = TestLinks.SoftwareVersion,
        StartedAt = DateTimeOffset.UtcNow,
    };

    // The platform's request, checked against the request schema first (unless the test sends garbage on purpose).
    private static async Task SendAsync(MqttTestClient platform, string gatewayId, string command, string body, string? responseTopic = null, byte[]? correlationData = null, bool validate = true)
    {
        if (validate)
        {
            using var schemas = new ContractSchemas();
            var problems = schemas.Validate("cmd/" + command, System.Text.Encoding.UTF8.GetBytes(body));
            Assert.True(problems.Count == 0, $"request {command} {body}: {string.Join("; ", problems)}");
        }

        await platform.PublishAsync($"egw/{gatewayId}/cmd/{command}", body, responseTopic, correlationData);
    }

    private static void AssertError(ReceivedMessage reply, string code, int? expectedId)
    {
        using var body = JsonDocument.Parse(reply.Payload);
        Assert.False(body.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(code, body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(expectedId, body.RootElement.TryGetProperty("id", out var id) ? id.GetInt32() : null);
        AssertReplyMatchesSchema(reply);
    }

    private static void AssertReplyMatchesSchema(ReceivedMessage reply)
    {
        using var schemas = new ContractSchemas();
        var problems = schemas.ValidateReply(reply.Payload);
        Assert.True(problems.Count == 0, $"{reply.Topic}: {string.Join("; ", problems)}{Environment.NewLine}{reply.Text}");
    }

    private static ChannelTable Channels() => new(
    [
        new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(1, "cems", "nox", "a21002", "mg/m³", null),
    ]);

    // 30 minutes as the consumer stores them: a minute of readings of both channels, then that minute's two records.
    private static List<OutboxAggregate> FillOutbox(IOutbox outbox)
    {
        for (var minute = 0; minute < 30; minute++)
        {
            var windowStart = Start.AddMinutes(minute);
            var readings = Enumerable.Range(0, 12)
                .SelectMany(poll => new[] { 0, 1 }.Select(channel => new Reading(channel, windowStart.AddSeconds(poll * 5).UtcTicks, 100 + poll, 1.5 + poll, DataFlag.N, FlagReason.None)))
                .ToArray();
            outbox.Append(readings, [SampleMinuteRecords.Of(0, windowStart, samples: 12), SampleMinuteRecords.Of(1, windowStart, samples: 12)], []);
        }

        var stored = new List<OutboxAggregate>();
        for (var after = 0L; outbox.Read(after, 500) is { Count: > 0 } batch; after = batch[^1].Sequence)
        {
            stored.AddRange(batch.OfType<OutboxAggregate>());
        }

        return stored;
    }
}
