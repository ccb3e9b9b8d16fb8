namespace EdgeGateway.Hj212.Crypto;

/// <summary>
/// The choices HJ 212-2025 leaves open about encrypted packets on the wire (hj212-tcp.md Part C 4); they matter when
/// sending only. The defaults follow App. A.2 of the standard as printed.
/// </summary>
public sealed record Hj212EncryptionOptions
{
    /// <summary>App. A.2 as printed: <c>{0x..}</c> text, plain-text length and CRC.</summary>
    public static Hj212EncryptionOptions Default { get; } = new();

    /// <summary>How the ciphertext is written; <see cref="Hj212CipherTextForm.BracedHexBytes"/> by default.</summary>
    public Hj212CipherTextForm Form { get; init; } = Hj212CipherTextForm.BracedHexBytes;

    /// <summary>What the length field counts; <see cref="Hj212CipherLengthField.PlaintextLength"/> by default.</summary>
    public Hj212CipherLengthField LengthField { get; init; } = Hj212CipherLengthField.PlaintextLength;
}
