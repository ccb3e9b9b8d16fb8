using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Modbus.Tests.Values;

/// <summary>Issue 17 item 8: a float32 register value widened to double published 123.45600128173828 for 123.456.</summary>
public sealed class Float32ShortestFormTests
{
    [Theory]
    // 123.456 is 0x42F6E979 (A B C D); widened exactly it is 123.45600128173828.
    [InlineData(new ushort[] { 0x42F6, 0xE979 }, 123.456)]
    // 0.1f = 0x3DCCCCCD: widened exactly 0.10000000149011612.
    [InlineData(new ushort[] { 0x3DCC, 0xCCCD }, 0.1)]
    // -0.052f (the reference's V10 a01013) = 0xBD54FDF4.
    [InlineData(new ushort[] { 0xBD54, 0xFDF4 }, -0.052)]
    public void Float32_noise_a_float_register_decodes_to_the_double_of_its_shortest_decimal_form(ushort[] registers, double expected)
    {
        var value = ModbusValueCodec.Decode(registers, ModbusDataType.F32, ModbusByteOrder.ABCD);

        Assert.Equal(expected, value);
        // The same float: nothing the analyzer sent is lost.
        Assert.Equal(BitConverter.UInt32BitsToSingle(((uint)registers[0] << 16) | registers[1]), (float)value);
    }

    [Fact]
    public void Every_float_survives_the_widening()
    {
        var random = new Random(17);
        for (var i = 0; i < 100_000; i++)
        {
            var single = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            var widened = ModbusValueCodec.WidenShortest(single);
            Assert.True(float.IsNaN(single) ? double.IsNaN(widened) : (float)widened == single, $"{single:R} became {widened:R}");
        }
    }
}
