using System.Text;
using System.Text.Json;
using EdgeGateway.Interop.Tests.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>The service answers the platform's commands over the broker: ping, the real-time interval, a history re-send.</summary>
public sealed class GatewayCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_running_service_answers_ping_interval_and_history_commands()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 60, Timeout, () => "60 readings\n" + gateway.Output);
        var since = DateTimeOffset.UtcNow.AddMinutes(-2);

        await using var platform = await MqttTestClient.ConnectAsync(site.Broker.Port, "platform-commands", MqttProtocolVersion.V500, $"egw/{ServiceTestSite.GatewayId}/reply/#");
        var ping = await AskAsync(platform, "ping", "{}", "c-1");
        Assert.True(ping.GetProperty("ok").GetBoolean(), ping.ToString());
        Assert.Equal(ServiceTestSite.GatewayId, ping.GetProperty("gatewayId").GetString());

        var interval = await AskAsync(platform, "get-rt-interval", "{}", "c-2");
        Assert.True(interval.GetProperty("ok").GetBoolean(), interval.ToString());
        Assert.Equal(1, interval.GetProperty("result").GetProperty("seconds").GetInt32());

        // Slower than configured would starve the aggregates: refused, with a reason.
        var slower = await AskAsync(platform, "set-rt-interval", """{"seconds":30}""", "c-3");
        Assert.False(slower.GetProperty("ok").GetBoolean(), slower.ToString());
        Assert.Equal("invalid-argument", slower.GetProperty("error").GetProperty("code").GetString());

        var unknown = await AskAsync(platform, "reboot", "{}", "c-4");
        Assert.Equal("unknown-command", unknown.GetProperty("error").GetProperty("code").GetString());

        var history = await AskAsync(platform, "history", $$"""{"period":"realtime","begin":"{{since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","end":"{{DateTimeOffset.UtcNow.AddMinutes(1).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}"}""", "c-5");
        Assert.True(history.GetProperty("ok").GetBoolean(), history.ToString());
        var records = history.GetProperty("result").GetProperty("records").GetInt64();
        Assert.True(records >= 60, history.ToString());

        // The re-sent readings arrive on the readings topic, marked, with their original sequence numbers.
        await Poll.UntilAsync(() => Resent(site.Platform.Messages).Count() >= records, Timeout, () => $"{records} re-sent readings; got {Resent(site.Platform.Messages).Count()}");
        var original = PlatformStream.Readings(site.Platform.Messages.Where(message => !message.Text.Contains("\"resent\":true", StringComparison.Ordinal)))
            .ToDictionary(reading => reading.Sequence, reading => reading.Value);
        Assert.All(Resent(site.Platform.Messages).Where(reading => original.ContainsKey(reading.Sequence)), reading => Assert.Equal(original[reading.Sequence], reading.Value));
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Command_retained_or_with_a_refused_reply_topic_is_announced_as_a_command_event()
    {
        // Issue 14, defect 8: the service tells the platform of the commands it ignored.
        await using var site = await ServiceTestSite.StartAsync();
        await using var platform = await MqttTestClient.ConnectAsync(site.Broker.Port, "platform-ignored", MqttProtocolVersion.V500);
        await platform.PublishAsync($"egw/{ServiceTestSite.GatewayId}/cmd/set-rt-interval", """{"seconds":5}""", retain: true);
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 5, Timeout, () => "5 readings\n" + gateway.Output);
        await platform.PublishAsync($"egw/{ServiceTestSite.GatewayId}/cmd/ping", "{}", responseTopic: $"egw/{ServiceTestSite.GatewayId}/readings");

        await Poll.UntilAsync(() => CommandEvents(site.Platform.Messages).Count >= 2, Timeout, () => "two command events\n" + gateway.Output);
        var reasons = CommandEvents(site.Platform.Messages).Select(body => body.GetProperty("detail").GetProperty("reason").GetString()).ToArray();
        Assert.Equal(["retained", "reply-topic-refused"], reasons);
        Assert.DoesNotContain(site.Platform.Messages, message => message.Topic.EndsWith("/readings", StringComparison.Ordinal) && message.Text.Contains("\"command\":\"ping\"", StringComparison.Ordinal));
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static List<JsonElement> CommandEvents(IReadOnlyList<ReceivedMessage> messages) =>
        [.. messages.Where(message => message.Topic.EndsWith("/events", StringComparison.Ordinal))
            .Select(message => JsonDocument.Parse(message.Payload).RootElement.GetProperty("event"))
            .Where(body => body.GetProperty("kind").GetString() == "command")];

    private static IEnumerable<(long Sequence, string Channel, double? Value, string Flag)> Resent(IReadOnlyList<ReceivedMessage> messages) =>
        PlatformStream.Readings(messages.Where(message => message.Text.Contains("\"resent\":true", StringComparison.Ordinal)));

    private static async Task<JsonElement> AskAsync(MqttTestClient platform, string command, string body, string correlation)
    {
        var responseTopic = $"egw/{ServiceTestSite.GatewayId}/reply/{correlation}";
        await platform.PublishAsync($"egw/{ServiceTestSite.GatewayId}/cmd/{command}", body, responseTopic, Encoding.UTF8.GetBytes(correlation));
        var replies = await platform.WaitForAsync(received => received.Any(message => message.Topic == responseTopic), TimeSpan.FromSeconds(10), $"a reply to {command}");
        var reply = replies.First(message => message.Topic == responseTopic);
        Assert.Equal(correlation, Encoding.UTF8.GetString(reply.CorrelationData!));
        return JsonDocument.Parse(reply.Payload).RootElement.Clone();
    }
}
