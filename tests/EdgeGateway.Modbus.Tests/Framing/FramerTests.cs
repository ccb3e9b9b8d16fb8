using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Tests.Framing;

public sealed class FramerTests
{
    [Fact]
    public void Rtu_request_frame_of_the_serial_line_guide()
    {
        var framer = new ModbusRtuFramer();
        var frame = new byte[256];
        var length = framer.Encode(frame, 0x11, 0, Hex.Bytes("03 00 6B 00 03"));
        Assert.Equal("1103006B00037687", Hex.Of(frame.AsSpan(0, length)));
    }

    [Fact]
    public void Tcp_request_frame_carries_the_mbap_header()
    {
        var framer = new ModbusTcpFramer();
        var frame = new byte[260];
        var length = framer.Encode(frame, 0x01, 0x1234, Hex.Bytes("03 00 6B 00 03"));
        Assert.Equal("123400000006" + "01" + "03006B0003", Hex.Of(frame.AsSpan(0, length)));
    }

    [Fact]
    public void Rtu_response_is_sized_from_its_byte_count()
    {
        var framer = new ModbusRtuFramer();
        var frame = Hex.Bytes("11 03 06 AE 41 56 52 43 40 49 AD");
        for (var cut = 0; cut < frame.Length; cut++)
        {
            Assert.Equal(FrameStatus.Incomplete, framer.DecodeResponse(frame.AsSpan(0, cut)).Status);
        }

        var result = framer.DecodeResponse(frame);
        Assert.Equal(FrameStatus.Complete, result.Status);
        Assert.Equal(11, result.Length);
        Assert.Equal(0x11, result.UnitId);
        Assert.Equal("0306AE4156524340", Hex.Of(frame.AsSpan(result.PduOffset, result.PduLength)));
    }

    [Fact]
    public void Rtu_exception_answer_is_five_bytes()
    {
        var framer = new ModbusRtuFramer();
        var frame = new byte[8];
        var length = framer.Encode(frame, 1, 0, Hex.Bytes("83 02"));
        Assert.Equal(5, length);
        Assert.Equal(FrameStatus.Complete, framer.DecodeResponse(frame.AsSpan(0, length)).Status);
    }

    [Fact]
    public void Rtu_frame_with_a_bad_crc_is_reported_as_such()
    {
        var frame = Hex.Bytes("11 03 06 AE 41 56 52 43 40 49 AE");
        var result = new ModbusRtuFramer().DecodeResponse(frame);
        Assert.Equal(FrameStatus.CrcError, result.Status);
        Assert.Equal(11, result.Length);
    }

    [Fact]
    public void Rtu_unknown_function_in_an_answer_is_garbage()
    {
        Assert.Equal(FrameStatus.Garbage, new ModbusRtuFramer().DecodeResponse(Hex.Bytes("01 2B 00")).Status);
    }

    [Fact]
    public void Tcp_header_out_of_step_is_garbage()
    {
        Assert.Equal(FrameStatus.Garbage, new ModbusTcpFramer().DecodeResponse(Hex.Bytes("0001 0007 0006 01 03 02 00 01")).Status);
    }

    public static TheoryData<string> RequestPdus =>
    [
        "01 00 13 00 13",
        "02 00 C4 00 16",
        "03 00 6B 00 03",
        "04 00 08 00 01",
        "05 00 AC FF 00",
        "06 00 01 00 03",
        "08 00 00 A5 37",
        "0F 00 13 00 0A 02 CD 01",
        "10 00 01 00 02 04 00 0A 01 02",
    ];

    [Theory]
    [MemberData(nameof(RequestPdus))]
    public void Requests_round_trip_through_both_framings_in_any_chunking(string pduHex)
    {
        var pdu = Hex.Bytes(pduHex);
        IModbusFramer[] framers = [new ModbusRtuFramer(), new ModbusTcpFramer()];
        foreach (var framer in framers)
        {
            var frame = new byte[framer.MaxFrameLength];
            var length = framer.Encode(frame, 7, 42, pdu);
            for (var cut = 1; cut < length; cut++)
            {
                Assert.Equal(FrameStatus.Incomplete, framer.DecodeRequest(frame.AsSpan(0, cut)).Status);
            }

            var result = framer.DecodeRequest(frame.AsSpan(0, length));
            Assert.Equal(FrameStatus.Complete, result.Status);
            Assert.Equal(length, result.Length);
            Assert.Equal(7, result.UnitId);
            Assert.Equal(pduHex.Replace(" ", string.Empty, StringComparison.Ordinal), Hex.Of(frame.AsSpan(result.PduOffset, result.PduLength)));
        }
    }

    [Fact]
    public void Random_answers_round_trip_through_both_framings()
    {
        var random = new Random(2026);
        IModbusFramer[] framers = [new ModbusRtuFramer(), new ModbusTcpFramer()];
        for (var i = 0; i < 2000; i++)
        {
            var pdu = RandomAnswer(random);
            foreach (var framer in framers)
            {
                var frame = new byte[framer.MaxFrameLength];
                var length = framer.Encode(frame, (byte)random.Next(1, 248), (ushort)random.Next(65536), pdu);
                var result = framer.DecodeResponse(frame.AsSpan(0, length));
                Assert.Equal(FrameStatus.Complete, result.Status);
                Assert.Equal(length, result.Length);
                Assert.True(frame.AsSpan(result.PduOffset, result.PduLength).SequenceEqual(pdu));
            }
        }
    }

    [Fact]
    public void Rtu_timing_follows_the_serial_line_specification()
    {
        var at9600 = RtuTiming.For(9600, 10);
        Assert.Equal(1042, (int)Math.Round(at9600.CharacterTime.TotalMicroseconds));
        Assert.InRange(at9600.T35.TotalMicroseconds, 3645, 3647);
        Assert.InRange(at9600.T15.TotalMicroseconds, 1562, 1564);

        var at115200 = RtuTiming.For(115200, 10);
        Assert.Equal(TimeSpan.FromMicroseconds(1750), at115200.T35);
        Assert.Equal(TimeSpan.FromMicroseconds(750), at115200.T15);

        // Above 19200 the fixed values apply; at 19200 itself the character times still do.
        Assert.InRange(RtuTiming.For(19200, 10).T35.TotalMicroseconds, 1822, 1824);
    }

    private static byte[] RandomAnswer(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                {
                    var count = random.Next(1, 126);
                    var pdu = new byte[2 + (2 * count)];
                    pdu[0] = (byte)random.Next(3, 5);
                    pdu[1] = (byte)(2 * count);
                    random.NextBytes(pdu.AsSpan(2));
                    return pdu;
                }

            case 1:
                {
                    var bytes = random.Next(1, 251);
                    var pdu = new byte[2 + bytes];
                    pdu[0] = (byte)random.Next(1, 3);
                    pdu[1] = (byte)bytes;
                    random.NextBytes(pdu.AsSpan(2));
                    return pdu;
                }

            case 2:
                {
                    var pdu = new byte[5];
                    random.NextBytes(pdu);
                    pdu[0] = (byte)(new[] { 5, 6, 8, 15, 16 })[random.Next(5)];
                    return pdu;
                }

            default:
                return [(byte)(0x80 | random.Next(1, 17)), (byte)random.Next(1, 12)];
        }
    }
}
