using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet.Protocol;

namespace EdgeGateway.Uplink;

/// <summary>Adapts an <see cref="MqttLink"/> to <see cref="IMessagePublisher"/>: QoS 1 under the link's topic root.</summary>
public sealed class MqttMessagePublisher : IMessagePublisher
{
    private static readonly MqttPublishProperties JsonProperties = new() { ContentType = UplinkContract.ContentType };

    private readonly MqttLink _link;

    public MqttMessagePublisher(MqttLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        _link = link;
    }

    public bool IsConnected => _link.IsConnected;

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _link.WaitUntilConnectedAsync(cancellationToken);

    public async Task<bool> PublishAsync(string topicSuffix, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var outcome = await _link.PublishAsync(
            _link.TopicRoot + "/" + topicSuffix,
            payload,
            MqttQualityOfServiceLevel.AtLeastOnce,
            retain: false,
            JsonProperties,
            cancellationToken).ConfigureAwait(false);
        return outcome.Status == PublishStatus.Acknowledged;
    }
}
