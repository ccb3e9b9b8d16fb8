using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Turns <see cref="MqttLinkOptions"/> into MQTTnet client options, once per connect attempt: the password file,
/// the CA and the client certificate are read afresh each time, so a rotated secret or a renewed certificate is
/// picked up on the next reconnect without a restart.
/// </summary>
internal sealed class MqttClientOptionsFactory(MqttLinkOptions options, MqttBrokerEndpoint endpoint) : IDisposable
{
    /// <summary>The socket's send and receive buffer (the kernel doubles it): room for a publish window over a slow link.</summary>
    public const int SocketBufferBytes = 256 * 1024;

    private readonly byte[] _offlinePayload = options.OfflinePayload is null
        ? MqttStatusPayloads.Offline(options.GatewayId)
        : Encoding.UTF8.GetBytes(options.OfflinePayload);

    // The certificates of the latest attempt; disposed when the next attempt loads its own.
    private readonly List<X509Certificate2> _loaded = [];

    /// <summary>The last-will payload, also published explicitly before a clean disconnect.</summary>
    public ReadOnlyMemory<byte> OfflinePayload => _offlinePayload;

    /// <summary>Builds the options for one connect attempt.</summary>
    /// <exception cref="MqttLinkSetupException">A file could not be read or parsed; the message names it.</exception>
    public MqttClientOptions Create()
    {
        ReleaseLoaded();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithClientId(options.EffectiveClientId)
            .WithProtocolVersion(options.Protocol == MqttProtocolLevel.Mqtt311 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            // 0 keeps MQTTnet's keep-alive loop (a 250 ms timer whatever the period) from starting: MqttKeepAliveAdapter
            // writes options.KeepAlive into the CONNECT packet and the link pings (MqttKeepAlive).
            .WithKeepAlivePeriod(TimeSpan.Zero)
            .WithTimeout(options.ConnectTimeout)
            // Clean start only when the broker is not asked to keep the session: otherwise a reconnect would throw
            // away the subscriptions and the commands queued during the outage.
            .WithCleanStart(options.SessionExpiry == TimeSpan.Zero)
            .WithWillTopic(options.EffectiveStatusTopic)
            .WithWillPayload(_offlinePayload)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true);

        if (options.Protocol == MqttProtocolLevel.Mqtt5)
        {
            builder.WithSessionExpiryInterval((uint)options.SessionExpiry.TotalSeconds);
            if (options.OfflinePayload is null)
            {
                builder.WithWillContentType(MqttStatusPayloads.ContentType);
            }
        }

        if (options.Username is not null)
        {
            string? password = options.Password;
            if (options.PasswordFile is not null)
            {
                string path = CredentialFiles.Resolve(options.PasswordFile);
                try
                {
                    password = CredentialFiles.ReadSecret(options.PasswordFile);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw new MqttLinkSetupException($"cannot read the password file '{path}' (PasswordFile): {exception.Message}", exception);
                }
            }

            builder.WithCredentials(options.Username, password);
        }

        if (endpoint.UseTls)
        {
            X509Certificate2Collection? trustChain = options.CaFile is null ? null : LoadCa(options.CaFile);
            X509Certificate2? clientCertificate = options.ClientCertificateFile is null || options.ClientKeyFile is null
                ? null
                : LoadClientCertificate(options.ClientCertificateFile, options.ClientKeyFile);
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls()
                    .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
                    .WithRevocationMode(options.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck)
                    .WithTargetHost(options.ServerName ?? endpoint.Host);
                if (trustChain is not null)
                {
                    tls.WithTrustChain(trustChain);
                }

                if (clientCertificate is not null)
                {
                    tls.WithClientCertificates([clientCertificate]);
                }
            });
        }

        var built = builder.Build();

        // MQTTnet sets SO_SNDBUF and SO_RCVBUF to its BufferSize, 8 KiB by default, which also turns off the kernel's
        // autotuning: TCP can then keep only about 16 KiB unacknowledged, one 100-reading message per round trip (about
        // 160 KB/s over a 100 ms 4G link, whatever the publish window). This lets a window of messages be on the wire.
        ((MqttClientTcpOptions)built.ChannelOptions).BufferSize = SocketBufferBytes;
        return built;
    }

    public void Dispose() => ReleaseLoaded();

    private X509Certificate2Collection LoadCa(string caFile)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(caFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new MqttLinkSetupException($"cannot load the CA file '{caFile}' (CaFile): {exception.Message}", exception);
        }

        if (collection.Count == 0)
        {
            throw new MqttLinkSetupException($"the CA file '{caFile}' (CaFile) holds no PEM certificate");
        }

        _loaded.AddRange(collection);
        return collection;
    }

    private X509Certificate2 LoadClientCertificate(string certificateFile, string keyFile)
    {
        try
        {
            // On Linux SslStream sends a certificate whose key lives only in memory (verified against mosquitto with
            // require_certificate); the PKCS#12 round trip some samples make is a Windows (SChannel) need.
            X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            _loaded.Add(certificate);
            return certificate;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new MqttLinkSetupException($"cannot load the client certificate '{certificateFile}' with key '{keyFile}' (ClientCertificateFile, ClientKeyFile): {exception.Message}", exception);
        }
    }

    private void ReleaseLoaded()
    {
        foreach (X509Certificate2 certificate in _loaded)
        {
            certificate.Dispose();
        }

        _loaded.Clear();
    }
}
