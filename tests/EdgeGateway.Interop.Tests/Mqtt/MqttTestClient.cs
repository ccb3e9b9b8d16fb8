using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// The platform's side in a test: a plain MQTTnet client that subscribes, collects what arrives and can publish
/// requests. Independent of <c>MqttLink</c>, so it checks the link from outside.
/// </summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();

    private MqttTestClient(IMqttClient client) => _client = client;

    public IReadOnlyList<ReceivedMessage> Messages => [.. _received];

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and subscribes <paramref name="topicFilters"/> at QoS 1.</summary>
    public static Task<MqttTestClient> ConnectAsync(int port, string clientId, MqttProtocolVersion protocol, params string[] topicFilters) =>
        ConnectCoreAsync(port, clientId, protocol, null, topicFilters);

    /// <summary>Connects over MQTT 5 as <paramref name="username"/> and subscribes <paramref name="topicFilters"/> at QoS 1.</summary>
    public static Task<MqttTestClient> ConnectAsUserAsync(int port, string username, string password, params string[] topicFilters) =>
        ConnectCoreAsync(port, username, MqttProtocolVersion.V500, (username, password), topicFilters);

    private static async Task<MqttTestClient> ConnectCoreAsync(int port, string clientId, MqttProtocolVersion protocol, (string User, string Password)? credentials, string[] topicFilters)
    {
        var factory = new MqttClientFactory();
        IMqttClient client = factory.CreateMqttClient();
        var testClient = new MqttTestClient(client);
        client.ApplicationMessageReceivedAsync += args =>
        {
            MqttApplicationMessage message = args.ApplicationMessage;
            testClient._received.Enqueue(new ReceivedMessage(
                message.Topic,
                message.Payload.ToArray(),
                message.Retain,
                message.CorrelationData,
                string.IsNullOrEmpty(message.ResponseTopic) ? null : message.ResponseTopic,
                string.IsNullOrEmpty(message.ContentType) ? null : message.ContentType,
                message.UserProperties?.Select(property => KeyValuePair.Create(property.Name, property.ReadValueAsString())).ToArray() ?? []));
            return Task.CompletedTask;
        };

        var builder = factory.CreateClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(protocol)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (credentials is { } user)
        {
            builder.WithCredentials(user.User, user.Password);
        }

        MqttClientOptions options = builder.Build();
        MqttClientConnectResult connected = await client.ConnectAsync(options, TestContext.Current.CancellationToken);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"test client {clientId} was refused: {connected.ResultCode}");
        }

        if (topicFilters.Length > 0)
        {
            var subscribe = factory.CreateSubscribeOptionsBuilder();
            foreach (string filter in topicFilters)
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            MqttClientSubscribeResult subscribed = await client.SubscribeAsync(subscribe.Build(), TestContext.Current.CancellationToken);
            foreach (MqttClientSubscribeResultItem item in subscribed.Items)
            {
                if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
                {
                    client.Dispose();
                    throw new InvalidOperationException($"test client {clientId} could not subscribe {item.TopicFilter.Topic}: {item.ResultCode}");
                }
            }
        }

        return testClient;
    }

    /// <summary>Publishes at QoS 1 and waits for the PUBACK.</summary>
    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, string? responseTopic = null, byte[]? correlationData = null, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (responseTopic is not null)
        {
            message.WithResponseTopic(responseTopic);
        }

        if (correlationData is not null)
        {
            message.WithCorrelationData(correlationData);
        }

        return _client.PublishAsync(message.Build(), TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the messages received so far satisfy <paramref name="condition"/>.</summary>
    /// <returns>The messages at that moment.</returns>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(Func<IReadOnlyList<ReceivedMessage>, bool> condition, TimeSpan timeout, string what)
    {
        IReadOnlyList<ReceivedMessage> messages = [];
        await Poll.UntilAsync(() => condition(messages = Messages), timeout, () => $"{what}; received: [{string.Join("; ", Messages.TakeLast(20))}]");
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker is already gone (outage tests).
            }
        }

        _client.Dispose();
    }
}
