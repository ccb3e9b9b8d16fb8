namespace EdgeGateway.Configuration.Documents;

/// <summary><c>platforms[].encryption</c>: HJ 212-2025 SM4-ECB encryption of the data commands' CP.</summary>
internal sealed class PlatformEncryptionDocument
{
    /// <summary>A file holding the 16-byte key as 16 characters or 32 hex digits, or the name of a systemd credential.</summary>
    public string? KeyFile { get; set; }

    /// <summary>How the ciphertext is written on the wire: <c>braced</c> (<c>{0x..}</c>, App. A.2 as printed) or <c>hex</c>.</summary>
    public string? Form { get; set; }

    /// <summary>What the length field of an encrypted packet counts: <c>plain</c> (App. A.2 as printed) or <c>transmitted</c>.</summary>
    public string? LengthField { get; set; }
}
