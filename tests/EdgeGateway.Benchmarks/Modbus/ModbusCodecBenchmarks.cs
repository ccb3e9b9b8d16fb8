using BenchmarkDotNet.Attributes;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Benchmarks.Modbus;

/// <summary>The protocol work of one transaction without I/O: frame a request, find and check the answer, decode values.</summary>
[MemoryDiagnoser]
public class ModbusCodecBenchmarks
{
    private readonly byte[] _request = new byte[256];
    private readonly byte[] _rtuAnswer = new byte[256];
    private readonly byte[] _tcpAnswer = new byte[260];
    private readonly ushort[] _registers = new ushort[10];

    // Five analyzer-like readings in CDAB order. The float decode read _registers before, all zeros in its own
    // process: "0" is the cheapest shortest form there is, so it measured the float32 widening at its best case.
    private readonly ushort[] _floatRegisters = new ushort[10];
    private readonly ModbusRtuFramer _rtu = new();
    private readonly ModbusTcpFramer _tcp = new();
    private int _rtuAnswerLength;
    private int _tcpAnswerLength;

    [GlobalSetup]
    public void Setup()
    {
        var pdu = new byte[22];
        pdu[0] = 0x03;
        pdu[1] = 20;
        new Random(1).NextBytes(pdu.AsSpan(2));
        _rtuAnswerLength = new ModbusRtuFramer().Encode(_rtuAnswer, 1, 0, pdu);
        _tcpAnswerLength = new ModbusTcpFramer().Encode(_tcpAnswer, 1, 7, pdu);
        float[] readings = [123.456f, -0.052f, 7.25f, 1013.2f, 35.71f];
        for (var i = 0; i < readings.Length; i++)
        {
            var bits = BitConverter.SingleToUInt32Bits(readings[i]);
            _floatRegisters[2 * i] = (ushort)bits;
            _floatRegisters[(2 * i) + 1] = (ushort)(bits >> 16);
        }
    }

    [Benchmark(Description = "RTU: frame FC03 request, find + CRC-check + match answer, copy 10 registers")]
    public ushort RtuTransactionCodec() => Transaction(_rtu, _rtuAnswer.AsSpan(0, _rtuAnswerLength));

    [Benchmark(Description = "TCP: frame FC03 request, find + match answer, copy 10 registers")]
    public ushort TcpTransactionCodec() => Transaction(_tcp, _tcpAnswer.AsSpan(0, _tcpAnswerLength));

    [Benchmark(Description = "decode 5 f32 CDAB values")]
    public double DecodeFloats()
    {
        double sum = 0;
        for (var i = 0; i < 10; i += 2)
        {
            sum += ModbusValueCodec.Decode(_floatRegisters.AsSpan(i, 2), ModbusDataType.F32, ModbusByteOrder.CDAB);
        }

        return sum;
    }

    private ushort Transaction(IModbusFramer framer, ReadOnlySpan<byte> answer)
    {
        Span<byte> pdu = stackalloc byte[5];
        ModbusPdu.WriteReadRequest(pdu, ModbusFunctionCode.ReadHoldingRegisters, 0, 10);
        framer.Encode(_request, 1, 7, pdu);
        var frame = framer.DecodeResponse(answer);
        var responsePdu = answer.Slice(frame.PduOffset, frame.PduLength);
        if (!ModbusPdu.CheckResponse(pdu, responsePdu).IsOk)
        {
            throw new InvalidOperationException("the answer does not fit");
        }

        ModbusPdu.ReadRegisters(responsePdu, _registers);
        return _registers[9];
    }
}
