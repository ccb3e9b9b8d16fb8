using EdgeGateway.Testing.Uplink.Mqtt;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>Mutual TLS against mosquitto with <c>require_certificate true</c> and certificates made by the test.</summary>
public sealed class MqttLinkTlsTests
{
    [Theory]
    [InlineData("127.0.0.1", "localhost")]   // an address, with the name the certificate carries given as ServerName
    [InlineData("localhost", null)]          // a host name, checked against the certificate as is
    public async Task Mutual_tls_connects_and_publishes(string host, string? serverName)
    {
        string directory = Directory.CreateTempSubdirectory("egw-pki-").FullName;
        try
        {
            TestPki pki = TestPki.Create(directory);
            await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Tls = pki });
            MqttLinkOptions options = new MqttLinkOptionsBuilder(TestLinks.Options(broker.TlsPort!.Value, "gw-tls"))
                .WithBrokerUrl($"mqtts://{host}:{broker.TlsPort}")
                .WithTls(pki.CaFile, serverName)
                .WithClientCertificate(pki.ClientCertificateFile, pki.ClientKeyFile)
                .Build();
            await using var link = new MqttLink(options);

            await TestLinks.StartAndWaitAsync(link, broker);
            PublishOutcome outcome = await link.PublishAsync(link.TopicRoot + "/readings", TestLinks.Utf8("{}"), cancellationToken: TestContext.Current.CancellationToken);

            Assert.True(link.Broker.UseTls);
            Assert.Equal(PublishStatus.Acknowledged, outcome.Status);
            await broker.WaitForLogAsync($"on port {broker.TlsPort}.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_and_reported()
    {
        string directory = Directory.CreateTempSubdirectory("egw-pki-").FullName;
        try
        {
            TestPki pki = TestPki.Create(directory);
            await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Tls = pki });
            MqttLinkOptions options = new MqttLinkOptionsBuilder(TestLinks.Options(broker.TlsPort!.Value, "gw-foreign"))
                .WithBrokerUrl($"mqtts://localhost:{broker.TlsPort}")
                .WithTls(pki.CaFile)
                .WithClientCertificate(pki.ForeignClientCertificateFile, pki.ForeignClientKeyFile)
                .Build();
            await using var link = new MqttLink(options);
            var states = TestLinks.RecordStates(link);

            link.Start();
            await Poll.UntilAsync(() => link.Statistics.ConnectFailures >= 2, TimeSpan.FromSeconds(10), () => $"two failed attempts; states: {string.Join(" | ", states)}");

            Assert.DoesNotContain(states, change => change.State == MqttLinkState.Connected);
            Assert.Equal(0, link.Statistics.Connects);
            string problem = states.Last(change => change.Problem is not null).Problem!;
            Assert.Contains("a client certificate it does not trust", problem, StringComparison.Ordinal);
            TestContext.Current.TestOutputHelper?.WriteLine(problem);
            await broker.WaitForLogAsync("certificate verify failed");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_broker_certificate_from_an_untrusted_ca_fails_the_handshake()
    {
        string directory = Directory.CreateTempSubdirectory("egw-pki-").FullName;
        string otherDirectory = Directory.CreateTempSubdirectory("egw-pki-").FullName;
        try
        {
            TestPki pki = TestPki.Create(directory);
            TestPki otherPki = TestPki.Create(otherDirectory);
            await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Tls = pki });
            MqttLinkOptions options = new MqttLinkOptionsBuilder(TestLinks.Options(broker.TlsPort!.Value, "gw-wrong-ca"))
                .WithBrokerUrl($"mqtts://localhost:{broker.TlsPort}")
                .WithTls(otherPki.CaFile)
                .WithClientCertificate(pki.ClientCertificateFile, pki.ClientKeyFile)
                .Build();
            await using var link = new MqttLink(options);

            link.Start();
            await Poll.UntilAsync(() => link.Statistics.ConnectFailures >= 1 && link.Problem is not null, TimeSpan.FromSeconds(10), () => $"a failed attempt: {link.Problem}");

            Assert.StartsWith("TLS handshake failed", link.Problem, StringComparison.Ordinal);
            Assert.Equal(0, link.Statistics.Connects);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            Directory.Delete(otherDirectory, recursive: true);
        }
    }
}
