using BenchmarkDotNet.Attributes;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Benchmarks.Hj212;

/// <summary>
/// Encode and decode of a typical 2011 real-time upload with 10 factors (about 400 bytes on the wire), the packet
/// the gateway sends every RtdInterval per outlet. Register with BenchmarkSwitcher; filter with <c>*Hj212Codec*</c>.
/// </summary>
[MemoryDiagnoser]
public class Hj212CodecBenchmarks
{
    private static readonly Hj212Station Station = new(Hj212SystemCode.WaterPollutionSource, "123456", "010000A8900016F000169DC0");
    private static readonly DateTime DataTime = new(2016, 8, 1, 8, 58, 57);

    private readonly byte[] _sendBuffer = new byte[Hj212Limits.MaxDataSegmentBytes + Hj212Limits.FrameOverheadBytes];
    private Hj212RealTimeValue[] _values = [];
    private Hj212NumberFormat _numbers = Hj212NumberFormat.Default;
    private Hj212Packet _packet = null!;
    private byte[] _frame = [];
    private string _frameText = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        string[] factors = ["w00000", "w01018", "w21003", "w21011", "w21001", "w01001", "w01010", "w01012", "w01009", "w01014"];
        _values = factors
            .Select((code, i) => new Hj212RealTimeValue(code, 12.5 + (i * 3.37), i == 3 ? Hj212DataFlag.Maintenance : Hj212DataFlag.Normal))
            .ToArray();
        _numbers = new Hj212NumberFormat(3, new Dictionary<string, int> { ["w01018"] = 1, ["w01001"] = 2 });
        _packet = BuildRealTimeUpload();
        _frame = Hj212FrameEncoder.EncodeToUtf8(_packet);
        _frameText = Hj212FrameEncoder.Encode(_packet);
    }

    /// <summary>Readings to a packet model: number formatting, field names, groups.</summary>
    [Benchmark]
    public Hj212Packet BuildRealTimeUpload() =>
        Hj212Uploads.RealTimeData(Station, "20160801085857223", DataTime, _values, _numbers, acknowledgementRequired: true);

    /// <summary>Packet model to a new byte array: validation, length, CRC.</summary>
    [Benchmark]
    public byte[] EncodeToNewArray() => Hj212FrameEncoder.EncodeToUtf8(_packet);

    /// <summary>Packet model into a reused send buffer.</summary>
    [Benchmark]
    public int EncodeIntoBuffer() => Hj212FrameEncoder.EncodeToUtf8(_packet, _sendBuffer);

    /// <summary>Received bytes to a packet model: framing, CRC, header and CP parsing.</summary>
    [Benchmark(Baseline = true)]
    public Hj212Packet? DecodeBytes() => Hj212FrameDecoder.Decode(_frame).Packet;

    /// <summary>Received text to a packet model (encodes to UTF-8 first).</summary>
    [Benchmark]
    public Hj212Packet? DecodeText() => Hj212FrameDecoder.Decode(_frameText).Packet;

    /// <summary>The CRC alone over the data segment.</summary>
    [Benchmark]
    public ushort CrcOfDataSegment() => Hj212Crc.Compute(_frame.AsSpan(6, _frame.Length - Hj212Limits.FrameOverheadBytes));
}
