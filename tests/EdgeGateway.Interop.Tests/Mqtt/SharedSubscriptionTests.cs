using System.Globalization;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// How the platform scales out (issue 4, platform contract): MQTT 5 shared-subscription consumers in one group split
/// a gateway's stream, and between them nothing is missing.
/// </summary>
public sealed class SharedSubscriptionTests
{
    [Fact]
    public async Task Two_shared_subscription_consumers_split_the_stream_and_their_union_has_every_message()
    {
        const int Count = 400;
        const string SharedFilter = "$share/platform/egw/+/readings";
        await using var broker = await MosquittoBroker.StartAsync();
        await using var first = await MqttTestClient.ConnectAsync(broker.Port, "platform-consumer-1", MqttProtocolVersion.V500, SharedFilter);
        await using var second = await MqttTestClient.ConnectAsync(broker.Port, "platform-consumer-2", MqttProtocolVersion.V500, SharedFilter);
        await using var link = new MqttLink(TestLinks.Options(broker.Port, "gw-shared"));
        await TestLinks.StartAndWaitAsync(link, broker);

        PublishOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(1, Count).Select(sequence =>
            link.PublishAsync("egw/gw-shared/readings", TestLinks.Utf8(sequence.ToString(CultureInfo.InvariantCulture)), cancellationToken: TestContext.Current.CancellationToken)));
        await Poll.UntilAsync(() => first.Messages.Count + second.Messages.Count >= Count, TimeSpan.FromSeconds(10),
            () => $"{Count} messages between the consumers; got {first.Messages.Count} + {second.Messages.Count}");

        Assert.All(outcomes, outcome => Assert.True(outcome.Succeeded, outcome.ToString()));
        int[] firstSequences = first.Messages.Select(message => int.Parse(message.Text, CultureInfo.InvariantCulture)).ToArray();
        int[] secondSequences = second.Messages.Select(message => int.Parse(message.Text, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Enumerable.Range(1, Count), firstSequences.Union(secondSequences).Order());
        // Split, not copied: mosquitto hands each message to one member of the group (round robin).
        Assert.Equal(Count, firstSequences.Length + secondSequences.Length);
        Assert.InRange(firstSequences.Length, Count / 4, 3 * Count / 4);
        Assert.Empty(firstSequences.Intersect(secondSequences));
    }
}
