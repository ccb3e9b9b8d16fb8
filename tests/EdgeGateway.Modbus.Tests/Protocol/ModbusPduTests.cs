using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Tests.Protocol;

/// <summary>Requests and answers from the examples of the Modbus Application Protocol specification v1.1b3, §6.</summary>
public sealed class ModbusPduTests
{
    [Theory]
    [InlineData(ModbusFunctionCode.ReadCoils, 0x13, 0x13, "01 00 13 00 13")]
    [InlineData(ModbusFunctionCode.ReadDiscreteInputs, 0xC4, 0x16, "02 00 C4 00 16")]
    [InlineData(ModbusFunctionCode.ReadHoldingRegisters, 0x6B, 3, "03 00 6B 00 03")]
    [InlineData(ModbusFunctionCode.ReadInputRegisters, 0x08, 1, "04 00 08 00 01")]
    public void Read_requests_match_the_specification(ModbusFunctionCode function, int address, int count, string expected)
    {
        var pdu = new byte[5];
        var length = ModbusPdu.WriteReadRequest(pdu, function, (ushort)address, (ushort)count);
        Assert.Equal(Hex.Of(Hex.Bytes(expected)), Hex.Of(pdu.AsSpan(0, length)));
    }

    [Fact]
    public void Write_requests_match_the_specification()
    {
        var pdu = new byte[253];
        Assert.Equal("0500ACFF00", Hex.Of(pdu.AsSpan(0, ModbusPdu.WriteSingleCoilRequest(pdu, 0xAC, true))));
        Assert.Equal("0600010003", Hex.Of(pdu.AsSpan(0, ModbusPdu.WriteSingleRegisterRequest(pdu, 0x01, 0x03))));
        bool[] coils = [true, false, true, true, false, false, true, true, true, false];
        Assert.Equal("0F0013000A02CD01", Hex.Of(pdu.AsSpan(0, ModbusPdu.WriteMultipleCoilsRequest(pdu, 0x13, coils))));
        ushort[] registers = [0x000A, 0x0102];
        Assert.Equal("100001000204000A0102", Hex.Of(pdu.AsSpan(0, ModbusPdu.WriteMultipleRegistersRequest(pdu, 0x01, registers))));
        Assert.Equal("080000A537", Hex.Of(pdu.AsSpan(0, ModbusPdu.WriteDiagnosticsRequest(pdu, 0, 0xA537))));
    }

    [Fact]
    public void Reads_the_holding_register_answer_of_the_specification()
    {
        var request = Hex.Bytes("03 00 6B 00 03");
        var response = Hex.Bytes("03 06 02 2B 00 00 00 64");

        Assert.True(ModbusPdu.CheckResponse(request, response).IsOk);
        var registers = new ushort[3];
        ModbusPdu.ReadRegisters(response, registers);
        Assert.Equal([0x022B, 0x0000, 0x0064], registers);
    }

    [Fact]
    public void Reads_the_coil_answer_of_the_specification()
    {
        var request = Hex.Bytes("01 00 13 00 13");
        var response = Hex.Bytes("01 03 CD 6B 05");

        Assert.True(ModbusPdu.CheckResponse(request, response).IsOk);
        var coils = new bool[19];
        ModbusPdu.ReadBits(response, coils);
        // Coils 27..20 = CD (1100 1101), 35..28 = 6B (0110 1011), 38..36 = 101.
        bool[] expected =
        [
            true, false, true, true, false, false, true, true,
            true, true, false, true, false, true, true, false,
            true, false, true,
        ];
        Assert.Equal(expected, coils);
    }

    [Theory]
    [InlineData("01 04 A1 00 01", "81 02", ModbusExceptionCode.IllegalDataAddress)]
    [InlineData("03 00 00 00 01", "83 0B", ModbusExceptionCode.GatewayTargetDeviceFailedToRespond)]
    public void Exception_answers_become_typed_codes(string request, string response, ModbusExceptionCode code)
    {
        var check = ModbusPdu.CheckResponse(Hex.Bytes(request), Hex.Bytes(response));
        Assert.Equal(ModbusErrorKind.Exception, check.Error);
        Assert.Equal(code, check.ExceptionCode);
    }

    [Theory]
    [InlineData("03 00 00 00 02", "04 04 00 01 00 02", "answered function 04 to function 03")]
    [InlineData("03 00 00 00 02", "03 02 00 01", "byte count 2 for 2 registers, expected 4")]
    [InlineData("06 00 01 00 03", "06 00 01 00 04", "the echo differs from the request")]
    [InlineData("10 00 01 00 02 04 00 0A 01 02", "10 00 01 00 03", "address or quantity in the answer differ from the request")]
    public void Answers_that_do_not_fit_the_request_are_mismatches(string request, string response, string reason)
    {
        var check = ModbusPdu.CheckResponse(Hex.Bytes(request), Hex.Bytes(response));
        Assert.Equal(ModbusErrorKind.Mismatch, check.Error);
        Assert.Equal(reason, check.Reason);
    }

    [Theory]
    [InlineData(ModbusFunctionCode.ReadHoldingRegisters, 0, 126)]
    [InlineData(ModbusFunctionCode.ReadHoldingRegisters, 0, 0)]
    [InlineData(ModbusFunctionCode.ReadCoils, 0, 2001)]
    [InlineData(ModbusFunctionCode.ReadInputRegisters, 65530, 10)]
    public void Quantities_outside_the_specification_are_refused(ModbusFunctionCode function, int address, int count)
    {
        var pdu = new byte[5];
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusPdu.WriteReadRequest(pdu, function, (ushort)address, (ushort)count));
    }

    [Theory]
    [InlineData(ModbusExceptionCode.IllegalFunction)]
    [InlineData(ModbusExceptionCode.IllegalDataAddress)]
    [InlineData(ModbusExceptionCode.IllegalDataValue)]
    [InlineData(ModbusExceptionCode.ServerDeviceFailure)]
    [InlineData(ModbusExceptionCode.Acknowledge)]
    [InlineData(ModbusExceptionCode.ServerDeviceBusy)]
    [InlineData(ModbusExceptionCode.NegativeAcknowledge)]
    [InlineData(ModbusExceptionCode.MemoryParityError)]
    [InlineData(ModbusExceptionCode.GatewayPathUnavailable)]
    [InlineData(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond)]
    public void Every_exception_code_has_words(ModbusExceptionCode code)
    {
        Assert.NotEqual("unknown exception code", ModbusExceptionCodeText.Describe(code));
    }
}
