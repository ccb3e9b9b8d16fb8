namespace EdgeGateway.Modbus.Tests;

/// <summary>Hex strings for readable frame literals: "01 03 00 6B".</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
