namespace EdgeGateway.Hj212.Crypto;

/// <summary>
/// How the SM4 ciphertext of an HJ 212-2025 CP is written into the packet. The standard prints only one form (App.
/// A.2) and does not say in words whether the wire carries it or the raw bytes; raw bytes cannot be the answer on a
/// stream framed by CR LF (ciphertext may hold CR LF or <c>##</c>), so both forms offered here are text. The receiving
/// side (<see cref="Hj212CpCipher.TryDecryptFrame"/>) reads either form whatever this option says.
/// </summary>
public enum Hj212CipherTextForm
{
    /// <summary>
    /// The default, as printed in App. A.2: the encrypted 16-byte groups as <c>{0xE4,0x3E,…,0x41}</c> (uppercase,
    /// comma-separated, in braces) followed by the plain-text tail, e.g. <c>CP=&amp;&amp;{0xE4,…,0xA4}g=N&amp;&amp;</c>.
    /// </summary>
    BracedHexBytes = 0,

    /// <summary>The encrypted groups as bare uppercase hex digits (32 per group) followed by the plain-text tail.</summary>
    HexDigits = 1,
}
