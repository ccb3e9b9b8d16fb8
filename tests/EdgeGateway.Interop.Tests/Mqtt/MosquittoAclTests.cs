using System.Text;
using EdgeGateway.Testing.Uplink.Mqtt;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// The mosquitto ACL of docs/platform-contract.md ("Who may command a gateway"), read from the doc itself: mosquitto
/// accepts it, and it lets the platform command a gateway while no gateway can command itself or another, nor publish
/// onto another gateway's topics.
/// </summary>
public sealed class MosquittoAclTests
{
    private const string Password = "acl-test-password";

    [Fact]
    public async Task Command_authorisation_is_the_broker_acl_the_documented_mosquitto_acl_does_what_it_says()
    {
        var users = new Dictionary<string, string> { ["platform"] = Password, ["gw-a"] = Password, ["gw-b"] = Password };
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Users = users, Acl = DocumentedAcl() });
        var options = new MqttLinkOptionsBuilder("gw-a")
            .WithBroker("127.0.0.1", broker.Port)
            .WithCredentials("gw-a", Password)
            .WithConnectTimeout(TimeSpan.FromSeconds(5))
            .WithPublishTimeout(TimeSpan.FromSeconds(5))
            .WithReconnectBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500))
            .WithBirth(TestLinks.SoftwareVersion)
            .Build();
        await using var gateway = new MqttLink(options);
        var commands = new MqttCommandResponder(gateway);
        var run = new System.Collections.Concurrent.ConcurrentQueue<string>();
        commands.Map(commands.CommandTopicFilter, (request, _) =>
        {
            run.Enqueue(request.Topic);
            return ValueTask.FromResult<MqttCommandReply?>(new MqttCommandReply(request.Payload));
        });
        await using var platform = await MqttTestClient.ConnectAsUserAsync(broker.Port, "platform", Password, "egw/#");
        await TestLinks.StartAndWaitAsync(gateway, broker);

        // The platform reads the gateway's status and data, commands it, and reads the reply.
        await platform.WaitForAsync(messages => messages.Any(message => message.Topic == "egw/gw-a/status"), TimeSpan.FromSeconds(10), "the birth");
        Assert.True((await gateway.PublishAsync("egw/gw-a/readings", TestLinks.Utf8("r"), cancellationToken: TestContext.Current.CancellationToken)).Succeeded);
        var command = await platform.PublishAsync("egw/gw-a/cmd/ping", "from-platform", responseTopic: "egw/gw-a/reply/p1");
        Assert.Equal(MqttClientPublishReasonCode.Success, command.ReasonCode);
        await platform.WaitForAsync(messages => messages.Any(message => message.Topic == "egw/gw-a/reply/p1" && message.Text == "from-platform"), TimeSpan.FromSeconds(10), "the reply");

        // Another gateway can neither command gw-a nor publish as it; gw-a cannot write another gateway's topics or its own commands.
        await using var other = await MqttTestClient.ConnectAsUserAsync(broker.Port, "gw-b", Password);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await other.PublishAsync("egw/gw-a/cmd/ping", "from-gw-b", responseTopic: "egw/gw-b/reply/x")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await other.PublishAsync("egw/gw-a/readings", "forged")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await gateway.PublishAsync("egw/gw-b/readings", TestLinks.Utf8("x"), cancellationToken: TestContext.Current.CancellationToken)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await gateway.PublishAsync("egw/gw-a/cmd/ping", TestLinks.Utf8("self"), cancellationToken: TestContext.Current.CancellationToken)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await other.PublishAsync("egw/gw-b/events", "own")).ReasonCode);

        await platform.PublishAsync("egw/gw-a/cmd/ping", "last", responseTopic: "egw/gw-a/reply/p2");
        await platform.WaitForAsync(messages => messages.Any(message => message.Topic == "egw/gw-a/reply/p2"), TimeSpan.FromSeconds(10), "the last reply");
        Assert.Equal(["egw/gw-a/cmd/ping", "egw/gw-a/cmd/ping"], run);
        Assert.DoesNotContain(platform.Messages, message => message.Text is "forged" or "from-gw-b" or "self");
    }

    // The first fenced block after the ACL paragraph's heading, so the test checks what the doc shows.
    private static string DocumentedAcl()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdgeGateway.sln")))
        {
            directory = directory.Parent;
        }

        var doc = File.ReadAllText(Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("No EdgeGateway.sln above the test binaries."), "docs", "platform-contract.md"));
        var paragraph = doc.IndexOf("**Who may command a gateway: the broker's ACL.**", StringComparison.Ordinal);
        Assert.True(paragraph >= 0, "platform-contract.md has no ACL paragraph");
        var start = doc.IndexOf("```\n", paragraph, StringComparison.Ordinal) + 4;
        var end = doc.IndexOf("```", start, StringComparison.Ordinal);
        return doc[start..end];
    }
}
