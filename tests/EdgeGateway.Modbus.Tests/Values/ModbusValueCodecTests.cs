using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Modbus.Tests.Values;

public sealed class ModbusValueCodecTests
{
    [Theory]
    // 123.456f is 0x42F6E979.
    [InlineData(ModbusByteOrder.ABCD, 0x42F6, 0xE979)]
    [InlineData(ModbusByteOrder.CDAB, 0xE979, 0x42F6)]
    [InlineData(ModbusByteOrder.BADC, 0xF642, 0x79E9)]
    [InlineData(ModbusByteOrder.DCBA, 0x79E9, 0xF642)]
    public void Float_in_every_byte_order(ModbusByteOrder order, int first, int second)
    {
        ushort[] registers = [(ushort)first, (ushort)second];
        Assert.Equal(123.456f, (float)ModbusValueCodec.Decode(registers, ModbusDataType.F32, order));
        Assert.Equal("123.456", ModbusValueCodec.Format(registers, ModbusDataType.F32, order));

        var encoded = new ushort[2];
        ModbusValueCodec.Encode(123.456f, ModbusDataType.F32, order, encoded);
        Assert.Equal(registers, encoded);
    }

    [Theory]
    // 0x0102030405060708 laid out four ways.
    [InlineData(ModbusByteOrder.ABCD, 0x0102, 0x0304, 0x0506, 0x0708)]
    [InlineData(ModbusByteOrder.CDAB, 0x0708, 0x0506, 0x0304, 0x0102)]
    [InlineData(ModbusByteOrder.BADC, 0x0201, 0x0403, 0x0605, 0x0807)]
    [InlineData(ModbusByteOrder.DCBA, 0x0807, 0x0605, 0x0403, 0x0201)]
    public void Sixty_four_bit_values_in_every_byte_order(ModbusByteOrder order, int r0, int r1, int r2, int r3)
    {
        ushort[] registers = [(ushort)r0, (ushort)r1, (ushort)r2, (ushort)r3];
        Assert.Equal(0x0102030405060708UL, ModbusValueCodec.Assemble(registers, order));
        Assert.Equal("72623859790382856", ModbusValueCodec.Format(registers, ModbusDataType.U64, order));
    }

    [Theory]
    [InlineData(ModbusDataType.U16, new ushort[] { 0xFFFF }, 65535d)]
    [InlineData(ModbusDataType.I16, new ushort[] { 0xFFFF }, -1d)]
    [InlineData(ModbusDataType.I16, new ushort[] { 0x8000 }, -32768d)]
    [InlineData(ModbusDataType.U32, new ushort[] { 0xFFFF, 0xFFFE }, 4294967294d)]
    [InlineData(ModbusDataType.I32, new ushort[] { 0xFFFF, 0xFFFE }, -2d)]
    [InlineData(ModbusDataType.I64, new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFD }, -3d)]
    [InlineData(ModbusDataType.F64, new ushort[] { 0x4009, 0x21FB, 0x5444, 0x2D18 }, Math.PI)]
    public void Integer_and_double_types_big_endian(ModbusDataType type, ushort[] registers, double expected)
    {
        Assert.Equal(expected, ModbusValueCodec.Decode(registers, type, ModbusByteOrder.ABCD));
    }

    [Fact]
    public void Exact_sixty_four_bit_integers_survive_formatting()
    {
        ushort[] registers = [0x7FFF, 0xFFFF, 0xFFFF, 0xFFFF];
        Assert.Equal("9223372036854775807", ModbusValueCodec.Format(registers, ModbusDataType.I64, ModbusByteOrder.ABCD));
        ushort[] max = [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF];
        Assert.Equal("18446744073709551615", ModbusValueCodec.Format(max, ModbusDataType.U64, ModbusByteOrder.ABCD));
    }

    [Fact]
    public void Bits_of_a_register_count_from_the_least_significant()
    {
        ushort[] registers = [0b1000_0000_0000_0101];
        Assert.Equal(1d, ModbusValueCodec.Decode(registers, ModbusDataType.Bit, ModbusByteOrder.ABCD, bit: 0));
        Assert.Equal(0d, ModbusValueCodec.Decode(registers, ModbusDataType.Bit, ModbusByteOrder.ABCD, bit: 1));
        Assert.Equal(1d, ModbusValueCodec.Decode(registers, ModbusDataType.Bit, ModbusByteOrder.ABCD, bit: 2));
        Assert.Equal(1d, ModbusValueCodec.Decode(registers, ModbusDataType.Bit, ModbusByteOrder.ABCD, bit: 15));
    }

    [Fact]
    public void One_register_types_swap_bytes_only_for_byte_swapped_orders()
    {
        ushort[] registers = [0x0102];
        Assert.Equal(0x0102, ModbusValueCodec.Decode(registers, ModbusDataType.U16, ModbusByteOrder.CDAB));
        Assert.Equal(0x0201, ModbusValueCodec.Decode(registers, ModbusDataType.U16, ModbusByteOrder.DCBA));
    }

    [Fact]
    public void Every_type_and_order_round_trips_random_values()
    {
        var random = new Random(212);
        ModbusDataType[] types = [ModbusDataType.U16, ModbusDataType.I16, ModbusDataType.U32, ModbusDataType.I32, ModbusDataType.F32, ModbusDataType.U64, ModbusDataType.I64, ModbusDataType.F64];
        foreach (var type in types)
        {
            foreach (var order in Enum.GetValues<ModbusByteOrder>())
            {
                for (var i = 0; i < 200; i++)
                {
                    var count = ModbusValueCodec.RegisterCount(type);
                    var registers = new ushort[count];
                    for (var r = 0; r < count; r++)
                    {
                        registers[r] = (ushort)random.Next(65536);
                    }

                    var bits = ModbusValueCodec.Assemble(registers, order);
                    var back = new ushort[count];
                    ModbusValueCodec.Disassemble(bits, order, back);
                    Assert.Equal(registers, back);

                    var value = ModbusValueCodec.Decode(registers, type, order);
                    if (type is ModbusDataType.F32 or ModbusDataType.F64 && double.IsNaN(value))
                    {
                        continue;
                    }

                    if (type is ModbusDataType.U64 or ModbusDataType.I64)
                    {
                        // Beyond 2^53 a double cannot hold the integer; the exact path is Format.
                        continue;
                    }

                    var encoded = new ushort[count];
                    ModbusValueCodec.Encode(value, type, order, encoded);
                    Assert.Equal(registers, encoded);
                }
            }
        }
    }

    [Fact]
    public void Encoding_a_value_that_does_not_fit_is_refused()
    {
        var registers = new ushort[2];
        Assert.Throws<OverflowException>(() => ModbusValueCodec.Encode(70000, ModbusDataType.U16, ModbusByteOrder.ABCD, registers));
        Assert.Throws<OverflowException>(() => ModbusValueCodec.Encode(1.5, ModbusDataType.I32, ModbusByteOrder.ABCD, registers));
        Assert.Throws<OverflowException>(() => ModbusValueCodec.Encode(-1, ModbusDataType.U32, ModbusByteOrder.ABCD, registers));
    }
}
