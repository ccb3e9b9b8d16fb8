using System.Globalization;

namespace EdgeGateway.Configuration;

/// <summary>
/// Reads an HJ 212-2025 SM4 key (16 bytes) as it is written in a key file: the 16 characters a platform hands out
/// (the standard's test key is <c>0000000000000000</c>, 16 × 0x30), or 32 hex digits for a key with bytes that are
/// no printable character.
/// </summary>
internal static class Sm4KeyText
{
    public const int KeyBytes = 16;

    public static bool TryParse(string text, out ReadOnlyMemory<byte> key)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == KeyBytes && trimmed.All(c => c is >= '!' and <= '~'))
        {
            key = trimmed.Select(c => (byte)c).ToArray();
            return true;
        }

        if (trimmed.Length == 2 * KeyBytes && trimmed.All(char.IsAsciiHexDigit))
        {
            var bytes = new byte[KeyBytes];
            for (var i = 0; i < KeyBytes; i++)
            {
                bytes[i] = byte.Parse(trimmed.AsSpan(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            key = bytes;
            return true;
        }

        key = default;
        return false;
    }
}
