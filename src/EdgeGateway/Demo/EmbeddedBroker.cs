using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace EdgeGateway.Demo;

/// <summary>The demo's own MQTT broker (MQTTnet.Server) on a free loopback port, standing in for the park platform's.</summary>
internal sealed class EmbeddedBroker : IDisposable
{
    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public static EmbeddedBroker Start()
    {
        var port = FreeLoopbackPort();
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = factory.CreateMqttServer(options);
        server.StartAsync().GetAwaiter().GetResult();
        return new EmbeddedBroker(server, port);
    }

    public void Dispose()
    {
        _server.StopAsync().GetAwaiter().GetResult();
        _server.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
