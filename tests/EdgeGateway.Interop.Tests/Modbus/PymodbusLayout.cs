using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Modbus;

/// <summary>
/// What the pymodbus slave serves: every data type in several byte orders. The register words were computed with
/// Python's struct module (big-endian pack, then the word and byte swaps the order names), not with our codec, so
/// the tests check our decoding against an independent encoding.
/// </summary>
public static class PymodbusLayout
{
    public static readonly ushort[] Holding =
    [
        0xD431, 0xFB2E, 0xB2D0, 0x5E00, 0x6C00, 0x88CA, 0x42F6, 0xE979, 0x0000, 0xBF00, 0xCC3B, 0xCDCC, 0x0018, 0x8044,
        0xAB54, 0xA98C, 0xEB1F, 0x0AD2, 0x7D75, 0x7026, 0xF704, 0xFFFF, 0x4009, 0x21FB, 0x5444, 0x2D18, 0x0000, 0x00E8,
        0x7648, 0x17C2, 0x6BEE, 0x0128, 0xFFFF,
    ];

    /// <summary>The same words, but the first: FC 04 must not read the holding table.</summary>
    public static readonly ushort[] Input = [11111, .. Holding[1..]];

    public static readonly bool[] Coils = [true, false, true, true, false, false, true, false, true, true];

    public static readonly bool[] DiscreteInputs = [false, true, false, false, true, true, false, true, false, false];

    /// <summary>(type, byte order, address, the value as egw prints it).</summary>
    public static TheoryData<string, string, int, string> Values => new()
    {
        { "u16", "ABCD", 0, "54321" },
        { "i16", "ABCD", 1, "-1234" },
        { "u32", "ABCD", 2, "3000000000" },
        { "i32", "CDAB", 4, "-2000000000" },
        { "f32", "ABCD", 6, "123.456" },
        { "f32", "CDAB", 8, "-0.5" },
        { "f32", "BADC", 10, "0.00625" },
        { "f32", "DCBA", 12, "1024.75" },
        { "u64", "ABCD", 14, "12345678901234567890" },
        { "i64", "CDAB", 18, "-9876543210123" },
        { "f64", "ABCD", 22, "3.141592653589793" },
        { "f64", "DCBA", 26, "-25000000000" },
        { "u32", "BADC", 30, "4000000001" },
        { "i16", "ABCD", 32, "-1" },
    };

    public static PymodbusSlaveOptions Options(params byte[] unitIds) => new()
    {
        UnitIds = unitIds.Length == 0 ? [1] : unitIds,
        HoldingRegisters = Holding,
        InputRegisters = Input,
        Coils = Coils,
        DiscreteInputs = DiscreteInputs,
    };
}
