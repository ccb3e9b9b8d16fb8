namespace EdgeGateway.Configuration.Documents;

/// <summary><c>platforms[].encryption</c>: HJ 212-2025 SM4-ECB encryption of the data commands' CP.</summary>
internal sealed class PlatformEncryptionDocument
{
    /// <summary>A file holding the 16-byte key as 16 characters or 32 hex digits, or the name of a systemd credential.</summary>
    public string? KeyFile { get; set; }
}
