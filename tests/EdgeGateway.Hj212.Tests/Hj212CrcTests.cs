using System.Text;
using EdgeGateway.Hj212.Framing;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212CrcTests
{
    [Theory]
    [InlineData("V1", 0x1C80, 0x0759)]
    [InlineData("V3", 0x7D00, 0xC170)]
    [InlineData("V5", 0xCC01, 0x83C0)]
    [InlineData("V10", 0x6740, 0x396C)]
    public void Vector_has_the_HJ212_CRC_and_not_the_Modbus_one(string name, int hj212Crc, int modbusCrc)
    {
        var segment = Encoding.UTF8.GetBytes(TestVectors.DataSegment(TestVectors.Frame(name)));

        Assert.Equal(hj212Crc, Hj212Crc.Compute(segment));
        Assert.Equal(modbusCrc, ReferenceCrc.Modbus(segment));
        Assert.NotEqual(hj212Crc, modbusCrc);
    }

    [Theory]
    [MemberData(nameof(TestVectors.Names), MemberType = typeof(TestVectors))]
    public void Computed_CRC_matches_the_one_written_in_every_vector(string name)
    {
        var frame = TestVectors.Frame(name);

        var computed = Hj212Crc.Compute(TestVectors.DataSegment(frame));

        Assert.Equal(frame[^6..^2].ToUpperInvariant(), Hj212Crc.Format(computed));
    }

    [Fact]
    public void Standard_example_is_1C80_not_the_1C08_its_text_claims()
    {
        Assert.Equal("1C80", Hj212Crc.Format(Hj212Crc.Compute(TestVectors.DataSegment(TestVectors.V1))));
    }

    [Fact]
    public void Chinese_log_text_is_checked_over_UTF8_bytes_not_UTF16_code_units()
    {
        var segment = TestVectors.DataSegment(TestVectors.D7);
        var utf16Units = segment.Select(c => (byte)c).ToArray();

        Assert.Equal(0x9741, Hj212Crc.Compute(segment));
        Assert.Equal(0x35C0, ReferenceCrc.Hj212(utf16Units));
    }

    [Fact]
    public void Table_driven_CRC_equals_the_bit_by_bit_definition_on_random_data()
    {
        var random = new Random(212);
        var buffer = new byte[300];
        for (var trial = 0; trial < 2000; trial++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));

            Assert.Equal(ReferenceCrc.Hj212(buffer.AsSpan(0, length)), Hj212Crc.Compute(buffer.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Only_256_values_exist_and_the_low_byte_is_one_of_eight()
    {
        // The register keeps only its high byte between steps, so the result is a function of one 8-bit value.
        var values = new HashSet<ushort>();
        Span<byte> data = stackalloc byte[3];
        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b += 7)
            {
                data[0] = (byte)a;
                data[1] = (byte)b;
                data[2] = (byte)'&';
                values.Add(Hj212Crc.Compute(data));
            }
        }

        Assert.Equal(256, values.Count);
        Assert.All(values, crc => Assert.Contains(crc & 0xFF, new[] { 0x00, 0x01, 0x40, 0x41, 0x80, 0x81, 0xC0, 0xC1 }));
    }

    [Fact]
    public void Empty_data_segment_has_the_table_entry_of_FF()
    {
        Assert.Equal(0xFFFF, Hj212Crc.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData("1C80", 0x1C80)]
    [InlineData("7d00", 0x7D00)]
    [InlineData("cC01", 0xCC01)]
    public void Parses_hex_in_either_case(string text, int expected)
    {
        Assert.True(Hj212Crc.TryParse(Encoding.ASCII.GetBytes(text), out var crc));
        Assert.Equal(expected, crc);
        Assert.True(Hj212Crc.TryParse(text.AsSpan(), out crc));
        Assert.Equal(expected, crc);
    }

    [Theory]
    [InlineData("1C8")]
    [InlineData("1C8G")]
    [InlineData("1C80 ")]
    [InlineData(" 1C8")]
    public void Refuses_what_is_not_4_hex_digits(string text)
    {
        Assert.False(Hj212Crc.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}
