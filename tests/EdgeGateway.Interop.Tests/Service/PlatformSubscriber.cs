using System.Buffers;
using System.Collections.Concurrent;
using EdgeGateway.Interop.Tests.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// The platform's side in a test: an MQTT 5 subscriber with a persistent session (clean start off, session expiry of
/// an hour) that reconnects after a broker restart. With a persistent broker, messages published while it reconnects
/// are queued for it, so what it receives is what the broker accepted from the gateway.
/// </summary>
internal sealed class PlatformSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _topicFilter;

    private PlatformSubscriber(IMqttClient client, MqttClientOptions options, string topicFilter)
    {
        _client = client;
        _options = options;
        _topicFilter = topicFilter;
    }

    public IReadOnlyList<ReceivedMessage> Messages => [.. _received];

    public static async Task<PlatformSubscriber> ConnectAsync(int port, string topicFilter)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        var options = factory.CreateClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("platform-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        var subscriber = new PlatformSubscriber(client, options, topicFilter);
        client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            subscriber._received.Enqueue(new ReceivedMessage(message.Topic, message.Payload.ToArray(), message.Retain, message.CorrelationData, message.ResponseTopic, message.ContentType, []));
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += _ => subscriber.ReconnectAsync();
        await client.ConnectAsync(options, TestContext.Current.CancellationToken);
        await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task ReconnectAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, _stopping.Token);
                var result = await _client.ConnectAsync(_options, _stopping.Token);
                if (!result.IsSessionPresent)
                {
                    // The broker lost the session (no persistence): subscribe again.
                    await _client.SubscribeAsync(_topicFilter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, _stopping.Token);
                }

                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The broker is still down; try again shortly.
            }
        }
    }
}
