namespace EdgeGateway.Configuration.Documents;

/// <summary><c>console.tls</c>: the web console's certificate and key, PEM files.</summary>
internal sealed class ConsoleTlsDocument
{
    public string? Certificate { get; set; }

    public string? Key { get; set; }
}
