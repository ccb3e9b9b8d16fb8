using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// A throw-away PKI written as PEM files: a CA, a broker certificate for localhost / 127.0.0.1 signed by it, a gateway
/// client certificate signed by it, and a client certificate from an unrelated CA that the broker must refuse.
/// ECDSA P-256 keeps generation to milliseconds.
/// </summary>
public sealed class TestPki
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private TestPki(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string ServerCertificateFile => Path.Combine(Directory, "server.crt");

    public string ServerKeyFile => Path.Combine(Directory, "server.key");

    public string ClientCertificateFile => Path.Combine(Directory, "client.crt");

    public string ClientKeyFile => Path.Combine(Directory, "client.key");

    /// <summary>A client certificate signed by another CA, which the broker does not trust.</summary>
    public string ForeignClientCertificateFile => Path.Combine(Directory, "foreign-client.crt");

    public string ForeignClientKeyFile => Path.Combine(Directory, "foreign-client.key");

    /// <summary>Generates everything into <paramref name="directory"/>.</summary>
    public static TestPki Create(string directory, string clientCommonName = "egw-gw-01")
    {
        var pki = new TestPki(directory);
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        DateTimeOffset notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 ca = CreateCa("CN=EdgeGateway test CA", caKey, notBefore, notAfter);
        File.WriteAllText(pki.CaFile, ca.ExportCertificatePem());

        var serverNames = new SubjectAlternativeNameBuilder();
        serverNames.AddDnsName("localhost");
        serverNames.AddIpAddress(IPAddress.Loopback);
        WriteLeaf(ca, caKey, "CN=localhost", serverNames, ServerAuthentication, pki.ServerCertificateFile, pki.ServerKeyFile, notBefore, notAfter);
        WriteLeaf(ca, caKey, "CN=" + clientCommonName, null, ClientAuthentication, pki.ClientCertificateFile, pki.ClientKeyFile, notBefore, notAfter);

        using ECDsa foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 foreignCa = CreateCa("CN=Someone else's CA", foreignKey, notBefore, notAfter);
        WriteLeaf(foreignCa, foreignKey, "CN=" + clientCommonName, null, ClientAuthentication, pki.ForeignClientCertificateFile, pki.ForeignClientKeyFile, notBefore, notAfter);
        return pki;
    }

    private static X509Certificate2 CreateCa(string subject, ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static void WriteLeaf(
        X509Certificate2 issuer,
        ECDsa issuerKey,
        string subject,
        SubjectAlternativeNameBuilder? names,
        string extendedUsage,
        string certificateFile,
        string keyFile,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedUsage)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;   // a positive serial number
        using X509Certificate2 certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, serial);
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
