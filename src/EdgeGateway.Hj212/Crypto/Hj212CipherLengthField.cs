namespace EdgeGateway.Hj212.Crypto;

/// <summary>
/// What the 4-digit length field of an encrypted HJ 212-2025 packet counts. App. A.2 keeps the plain text's length
/// (<c>##0295</c> over a 1128-byte encrypted data segment) next to the plain text's CRC, which breaks the rule that the
/// length counts the bytes between it and the CRC; a receiver that checks lengths may want the transmitted count.
/// The receiving side (<see cref="Hj212CpCipher.TryDecryptFrame"/>) accepts either.
/// </summary>
public enum Hj212CipherLengthField
{
    /// <summary>The default, as in App. A.2: the length of the plain-text data segment, like the CRC.</summary>
    PlaintextLength = 0,

    /// <summary>The length of the data segment as transmitted (with the ciphertext's text).</summary>
    TransmittedLength = 1,
}
