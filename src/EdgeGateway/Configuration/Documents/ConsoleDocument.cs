namespace EdgeGateway.Configuration.Documents;

/// <summary>The <c>console</c> section: the technician's web console (edge-gateway-console), a separate process.</summary>
internal sealed class ConsoleDocument
{
    public string? Listen { get; set; }

    public string? UsersFile { get; set; }

    public ConsoleTlsDocument? Tls { get; set; }
}
