using System.Net;
using EdgeGateway.Testing.Uplink.Mqtt;
using EdgeGateway.Uplink.Mqtt;
using MQTTnet;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink.Mqtt;

public sealed class MqttClientOptionsFactoryTests
{
    [Fact]
    public void The_socket_buffers_leave_room_for_a_publish_window_over_a_slow_link()
    {
        var options = new MqttLinkOptionsBuilder("gw-1").WithBroker("broker.example", 1883).Build();
        using var factory = new MqttClientOptionsFactory(options, MqttBrokerEndpoint.From(options));

        var tcp = Assert.IsType<MqttClientTcpOptions>(factory.Create().ChannelOptions);

        // MQTTnet's own default (8 KiB) would hold about one 100-reading message per round trip.
        Assert.Equal(256 * 1024, tcp.BufferSize);
        var endpoint = Assert.IsType<DnsEndPoint>(tcp.RemoteEndpoint);
        Assert.Equal(("broker.example", 1883), (endpoint.Host, endpoint.Port));
    }
}
