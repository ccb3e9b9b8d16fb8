using System.Collections.Concurrent;
using EdgeGateway.Testing.Uplink.Mqtt;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>Link options and helpers shared by the MQTT tests: short timeouts so failures show within seconds.</summary>
public static class TestLinks
{
    public const string SoftwareVersion = "test-1.2.3";

    public static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(10);

    /// <summary>Options for a link to 127.0.0.1:<paramref name="port"/>.</summary>
    public static MqttLinkOptions Options(int port, string gatewayId) => new MqttLinkOptionsBuilder(gatewayId)
        .WithBroker("127.0.0.1", port)
        .WithKeepAlive(TimeSpan.FromSeconds(5))
        .WithConnectTimeout(TimeSpan.FromSeconds(5))
        .WithPublishTimeout(TimeSpan.FromSeconds(5))
        .WithReconnectBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500))
        .WithBirth(SoftwareVersion, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))
        .Build();

    /// <summary>Records every state change of <paramref name="link"/>.</summary>
    public static ConcurrentQueue<MqttLinkStateChangedEventArgs> RecordStates(MqttLink link)
    {
        var states = new ConcurrentQueue<MqttLinkStateChangedEventArgs>();
        link.StateChanged += (_, change) => states.Enqueue(change);
        return states;
    }

    /// <summary>Starts <paramref name="link"/> and waits until it is connected, with the broker's log in the failure.</summary>
    public static async Task StartAndWaitAsync(MqttLink link, MosquittoBroker broker)
    {
        link.Start();
        try
        {
            await link.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(ConnectWait, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{link} did not connect within {ConnectWait.TotalSeconds} s: {link.Problem}{Environment.NewLine}{broker.Log}");
        }
    }

    public static ReadOnlyMemory<byte> Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
