using System.Buffers.Binary;
using System.Numerics;

namespace EdgeGateway.Hj212.Crypto;

/// <summary>
/// The SM4 block cipher of GB/T 32907-2016 (128-bit key, 128-bit block, 32 rounds), written from the standard so
/// the gateway needs no cryptography package (HJ 212-2025 §6.4.2 asks for SM4, ECB, NoPadding). Immutable once
/// the round keys are expanded, so one instance may serve several threads.
/// </summary>
/// <remarks>
/// ECB here means exactly what HJ 212-2025 App. A.2 does: every whole 16-byte block on its own, nothing padded;
/// what to do with a shorter tail is the caller's business (the HJ 212 CP cipher leaves it in plain text).
/// </remarks>
public sealed class Sm4
{
    /// <summary>Bytes in a key and in a block.</summary>
    public const int BlockSize = 16;

    private const int Rounds = 32;

    // System parameter FK and the fixed parameters CK of the key schedule (GB/T 32907-2016 §7.3).
    private static ReadOnlySpan<uint> FamilyKey => [0xA3B1BAC6, 0x56AA3350, 0x677D9197, 0xB27022DC];

    // The S-box of GB/T 32907-2016 §6.2, row by row (high nibble = row, low nibble = column).
    private static ReadOnlySpan<byte> SBox =>
    [
        0xD6, 0x90, 0xE9, 0xFE, 0xCC, 0xE1, 0x3D, 0xB7, 0x16, 0xB6, 0x14, 0xC2, 0x28, 0xFB, 0x2C, 0x05,
        0x2B, 0x67, 0x9A, 0x76, 0x2A, 0xBE, 0x04, 0xC3, 0xAA, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
        0x9C, 0x42, 0x50, 0xF4, 0x91, 0xEF, 0x98, 0x7A, 0x33, 0x54, 0x0B, 0x43, 0xED, 0xCF, 0xAC, 0x62,
        0xE4, 0xB3, 0x1C, 0xA9, 0xC9, 0x08, 0xE8, 0x95, 0x80, 0xDF, 0x94, 0xFA, 0x75, 0x8F, 0x3F, 0xA6,
        0x47, 0x07, 0xA7, 0xFC, 0xF3, 0x73, 0x17, 0xBA, 0x83, 0x59, 0x3C, 0x19, 0xE6, 0x85, 0x4F, 0xA8,
        0x68, 0x6B, 0x81, 0xB2, 0x71, 0x64, 0xDA, 0x8B, 0xF8, 0xEB, 0x0F, 0x4B, 0x70, 0x56, 0x9D, 0x35,
        0x1E, 0x24, 0x0E, 0x5E, 0x63, 0x58, 0xD1, 0xA2, 0x25, 0x22, 0x7C, 0x3B, 0x01, 0x21, 0x78, 0x87,
        0xD4, 0x00, 0x46, 0x57, 0x9F, 0xD3, 0x27, 0x52, 0x4C, 0x36, 0x02, 0xE7, 0xA0, 0xC4, 0xC8, 0x9E,
        0xEA, 0xBF, 0x8A, 0xD2, 0x40, 0xC7, 0x38, 0xB5, 0xA3, 0xF7, 0xF2, 0xCE, 0xF9, 0x61, 0x15, 0xA1,
        0xE0, 0xAE, 0x5D, 0xA4, 0x9B, 0x34, 0x1A, 0x55, 0xAD, 0x93, 0x32, 0x30, 0xF5, 0x8C, 0xB1, 0xE3,
        0x1D, 0xF6, 0xE2, 0x2E, 0x82, 0x66, 0xCA, 0x60, 0xC0, 0x29, 0x23, 0xAB, 0x0D, 0x53, 0x4E, 0x6F,
        0xD5, 0xDB, 0x37, 0x45, 0xDE, 0xFD, 0x8E, 0x2F, 0x03, 0xFF, 0x6A, 0x72, 0x6D, 0x6C, 0x5B, 0x51,
        0x8D, 0x1B, 0xAF, 0x92, 0xBB, 0xDD, 0xBC, 0x7F, 0x11, 0xD9, 0x5C, 0x41, 0x1F, 0x10, 0x5A, 0xD8,
        0x0A, 0xC1, 0x31, 0x88, 0xA5, 0xCD, 0x7B, 0xBD, 0x2D, 0x74, 0xD0, 0x12, 0xB8, 0xE5, 0xB4, 0xB0,
        0x89, 0x69, 0x97, 0x4A, 0x0C, 0x96, 0x77, 0x7E, 0x65, 0xB9, 0xF1, 0x09, 0xC5, 0x6E, 0xC6, 0x84,
        0x18, 0xF0, 0x7D, 0xEC, 0x3A, 0xDC, 0x4D, 0x20, 0x79, 0xEE, 0x5F, 0x3E, 0xD7, 0xCB, 0x39, 0x48,
    ];

    private readonly uint[] _roundKeys = new uint[Rounds];

    /// <summary>Expands <paramref name="key"/> into the 32 round keys.</summary>
    /// <exception cref="ArgumentException">The key is not 16 bytes.</exception>
    public Sm4(ReadOnlySpan<byte> key)
    {
        if (key.Length != BlockSize)
        {
            throw new ArgumentException($"an SM4 key is {BlockSize} bytes, not {key.Length}", nameof(key));
        }

        Span<uint> k = stackalloc uint[4];
        for (var i = 0; i < 4; i++)
        {
            k[i] = BinaryPrimitives.ReadUInt32BigEndian(key[(4 * i)..]) ^ FamilyKey[i];
        }

        for (var i = 0; i < Rounds; i++)
        {
            var next = k[0] ^ KeyTransform(k[1] ^ k[2] ^ k[3] ^ FixedParameter(i));
            _roundKeys[i] = next;
            k[0] = k[1];
            k[1] = k[2];
            k[2] = k[3];
            k[3] = next;
        }
    }

    /// <summary>Encrypts one 16-byte block; <paramref name="output"/> may be <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A span is not 16 bytes long.</exception>
    public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output) => Crypt(input, output, decrypt: false);

    /// <summary>Decrypts one 16-byte block; <paramref name="output"/> may be <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A span is not 16 bytes long.</exception>
    public void DecryptBlock(ReadOnlySpan<byte> input, Span<byte> output) => Crypt(input, output, decrypt: true);

    /// <summary>ECB, no padding: encrypts every 16-byte block of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The input is not whole blocks, or the output is not as long as the input.</exception>
    public void EncryptEcb(ReadOnlySpan<byte> input, Span<byte> output) => CryptEcb(input, output, decrypt: false);

    /// <summary>ECB, no padding: decrypts every 16-byte block of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The input is not whole blocks, or the output is not as long as the input.</exception>
    public void DecryptEcb(ReadOnlySpan<byte> input, Span<byte> output) => CryptEcb(input, output, decrypt: true);

    /// <summary>ECB, no padding: the encrypted copy of <paramref name="input"/> (whole 16-byte blocks only).</summary>
    public byte[] EncryptEcb(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        EncryptEcb(input, output);
        return output;
    }

    /// <summary>ECB, no padding: the decrypted copy of <paramref name="input"/> (whole 16-byte blocks only).</summary>
    public byte[] DecryptEcb(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        DecryptEcb(input, output);
        return output;
    }

    private void CryptEcb(ReadOnlySpan<byte> input, Span<byte> output, bool decrypt)
    {
        if (input.Length % BlockSize != 0)
        {
            throw new ArgumentException($"ECB without padding needs whole {BlockSize}-byte blocks; {input.Length} bytes given", nameof(input));
        }

        if (output.Length != input.Length)
        {
            throw new ArgumentException($"the output is {output.Length} bytes, the input {input.Length}", nameof(output));
        }

        for (var offset = 0; offset < input.Length; offset += BlockSize)
        {
            Crypt(input.Slice(offset, BlockSize), output.Slice(offset, BlockSize), decrypt);
        }
    }

    private void Crypt(ReadOnlySpan<byte> input, Span<byte> output, bool decrypt)
    {
        if (input.Length != BlockSize || output.Length != BlockSize)
        {
            throw new ArgumentException($"an SM4 block is {BlockSize} bytes; {input.Length} in, {output.Length} out");
        }

        var x0 = BinaryPrimitives.ReadUInt32BigEndian(input);
        var x1 = BinaryPrimitives.ReadUInt32BigEndian(input[4..]);
        var x2 = BinaryPrimitives.ReadUInt32BigEndian(input[8..]);
        var x3 = BinaryPrimitives.ReadUInt32BigEndian(input[12..]);
        for (var i = 0; i < Rounds; i++)
        {
            // Decryption is the same structure with the round keys in reverse order (§7.2).
            var roundKey = _roundKeys[decrypt ? Rounds - 1 - i : i];
            var next = x0 ^ RoundTransform(x1 ^ x2 ^ x3 ^ roundKey);
            x0 = x1;
            x1 = x2;
            x2 = x3;
            x3 = next;
        }

        // The reverse transformation R: the last four words in reverse order.
        BinaryPrimitives.WriteUInt32BigEndian(output, x3);
        BinaryPrimitives.WriteUInt32BigEndian(output[4..], x2);
        BinaryPrimitives.WriteUInt32BigEndian(output[8..], x1);
        BinaryPrimitives.WriteUInt32BigEndian(output[12..], x0);
    }

    // CK_i: byte j is (4i + j) * 7 mod 256.
    private static uint FixedParameter(int i)
    {
        uint value = 0;
        for (var j = 0; j < 4; j++)
        {
            value = (value << 8) | (byte)(((4 * i) + j) * 7);
        }

        return value;
    }

    // τ: the S-box applied to each byte of the word.
    private static uint Substitute(uint word)
    {
        var sbox = SBox;
        return ((uint)sbox[(int)(word >> 24)] << 24)
            | ((uint)sbox[(int)((word >> 16) & 0xFF)] << 16)
            | ((uint)sbox[(int)((word >> 8) & 0xFF)] << 8)
            | sbox[(int)(word & 0xFF)];
    }

    // T = L ∘ τ of the encryption rounds.
    private static uint RoundTransform(uint word)
    {
        var b = Substitute(word);
        return b
            ^ BitOperations.RotateLeft(b, 2)
            ^ BitOperations.RotateLeft(b, 10)
            ^ BitOperations.RotateLeft(b, 18)
            ^ BitOperations.RotateLeft(b, 24);
    }

    // T' = L' ∘ τ of the key schedule.
    private static uint KeyTransform(uint word)
    {
        var b = Substitute(word);
        return b ^ BitOperations.RotateLeft(b, 13) ^ BitOperations.RotateLeft(b, 23);
    }
}
