using EdgeGateway.Testing.Uplink.Mqtt;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>Option validation (no broker needed): every problem at once, each named by its property.</summary>
public sealed class MqttLinkOptionsTests
{
    [Fact]
    public void Defaults_with_a_broker_are_valid_and_derive_the_topics()
    {
        MqttLinkOptions options = new MqttLinkOptionsBuilder("gw-01").WithBrokerUrl("mqtts://broker.park.example").Build();

        Assert.Equal(MqttProtocolLevel.Mqtt5, options.Protocol);
        Assert.Equal("egw/gw-01", options.EffectiveTopicRoot);
        Assert.Equal("egw/gw-01/status", options.EffectiveStatusTopic);
        Assert.Equal("egw-gw-01", options.EffectiveClientId);
        Assert.True(options.KeepAlive > TimeSpan.Zero);
        Assert.Equal(new MqttBrokerEndpoint("broker.park.example", 8883, UseTls: true), MqttBrokerEndpoint.From(options));
    }

    [Theory]
    [InlineData("mqtt://10.0.0.5", "10.0.0.5", 1883, false)]
    [InlineData("mqtt://10.0.0.5:2883", "10.0.0.5", 2883, false)]
    [InlineData("mqtts://broker:9883", "broker", 9883, true)]
    [InlineData("mqtts://[::1]:8884", "::1", 8884, true)]
    public void Broker_urls_parse(string url, string host, int port, bool tls)
    {
        Assert.True(MqttBrokerEndpoint.TryParseUrl(url, out MqttBrokerEndpoint? endpoint, out string? error), error);
        Assert.Equal(new MqttBrokerEndpoint(host, port, tls), endpoint);
    }

    [Theory]
    [InlineData("http://broker")]
    [InlineData("mqtt://user:pw@broker")]
    [InlineData("mqtt://broker/path")]
    [InlineData("broker:1883")]
    public void Bad_broker_urls_are_reported(string url)
    {
        IReadOnlyList<MqttLinkOptionProblem> problems = MqttLinkOptionsValidator.Validate(new MqttLinkOptions { GatewayId = "gw", BrokerUrl = url });

        Assert.Equal(nameof(MqttLinkOptions.BrokerUrl), Assert.Single(problems).Option);
    }

    [Fact]
    public void Every_problem_is_listed_with_its_option_name()
    {
        var options = new MqttLinkOptions
        {
            GatewayId = "gw/01",
            Host = "broker",
            Port = 70000,
            Protocol = MqttProtocolLevel.Mqtt311,
            CaFile = "/nonexistent/ca.crt",
            ClientCertificateFile = "/nonexistent/client.crt",
            Password = "pw",
            PasswordFile = "/nonexistent/pw",
            KeepAlive = TimeSpan.Zero,
            SessionExpiry = TimeSpan.FromHours(1),
            ReconnectInitialDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            ReconnectJitter = 1.5,
            MaxInFlight = 0,
            PublishTimeout = TimeSpan.Zero,
            TopicRoot = "egw/#",
            StatusTopic = "$SYS/x",
            SoftwareVersion = "",
        };

        var exception = Assert.Throws<InvalidMqttLinkOptionsException>(() => MqttLinkOptionsValidator.ThrowIfInvalid(options));

        Assert.Equal(
            [
                nameof(MqttLinkOptions.GatewayId), nameof(MqttLinkOptions.Port), nameof(MqttLinkOptions.CaFile),
                nameof(MqttLinkOptions.ClientCertificateFile), nameof(MqttLinkOptions.ClientKeyFile), nameof(MqttLinkOptions.PasswordFile),
                nameof(MqttLinkOptions.Username), nameof(MqttLinkOptions.PasswordFile), nameof(MqttLinkOptions.KeepAlive),
                nameof(MqttLinkOptions.SessionExpiry), nameof(MqttLinkOptions.ReconnectMaxDelay), nameof(MqttLinkOptions.ReconnectJitter),
                nameof(MqttLinkOptions.MaxInFlight), nameof(MqttLinkOptions.PublishTimeout), nameof(MqttLinkOptions.TopicRoot),
                nameof(MqttLinkOptions.StatusTopic), nameof(MqttLinkOptions.SoftwareVersion),
            ],
            exception.Problems.Select(problem => problem.Option));
        Assert.Contains("CaFile: needs TLS", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SessionExpiry: applies to MQTT 5 only", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_and_a_host_together_are_ambiguous()
    {
        IReadOnlyList<MqttLinkOptionProblem> problems = MqttLinkOptionsValidator.Validate(new MqttLinkOptions { GatewayId = "gw", BrokerUrl = "mqtt://a", Host = "b", Port = 1 });

        Assert.Equal([nameof(MqttLinkOptions.Host), nameof(MqttLinkOptions.Port)], problems.Select(problem => problem.Option));
    }

    [Fact]
    public void The_link_refuses_invalid_options_up_front()
    {
        Assert.Throws<InvalidMqttLinkOptionsException>(() => new MqttLink(new MqttLinkOptions { GatewayId = "gw" }));
    }
}
