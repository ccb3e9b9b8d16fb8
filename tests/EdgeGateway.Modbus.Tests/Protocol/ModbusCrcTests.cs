using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Tests.Protocol;

public sealed class ModbusCrcTests
{
    [Theory]
    // Read holding registers 0x006B x3 from slave 17, the worked example of the serial-line guides.
    [InlineData("11 03 00 6B 00 03", "76 87")]
    [InlineData("01 03 00 00 00 01", "84 0A")]
    [InlineData("01 03 00 00 00 0A", "C5 CD")]
    [InlineData("11 03 06 AE 41 56 52 43 40", "49 AD")]
    public void Appends_the_crc_low_byte_first(string payload, string crc)
    {
        var bytes = Hex.Bytes(payload);
        var frame = new byte[bytes.Length + 2];
        bytes.CopyTo(frame, 0);

        var length = ModbusCrc.Append(frame, bytes.Length);

        Assert.Equal(frame.Length, length);
        Assert.Equal(Hex.Of(Hex.Bytes(crc)), Hex.Of(frame.AsSpan(bytes.Length)));
        Assert.True(ModbusCrc.IsValid(frame));
    }

    [Fact]
    public void Check_value_of_the_standard_test_string_is_4B37()
    {
        // CRC-16/MODBUS catalogue check value over "123456789".
        Assert.Equal(0x4B37, ModbusCrc.Compute("123456789"u8));
    }

    [Fact]
    public void Every_single_bit_flip_is_detected()
    {
        var frame = Hex.Bytes("11 03 06 AE 41 56 52 43 40 49 AD");
        for (var bit = 0; bit < frame.Length * 8; bit++)
        {
            var copy = (byte[])frame.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(ModbusCrc.IsValid(copy), $"flip of bit {bit} went unnoticed");
        }
    }
}
