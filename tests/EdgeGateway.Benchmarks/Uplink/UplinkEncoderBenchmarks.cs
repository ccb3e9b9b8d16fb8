using BenchmarkDotNet.Attributes;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// The uplink's per-reading work without I/O: a batch of 100 readings (one round of 100 channels, the publisher's
/// default batch) encoded into a readings message. Filter with <c>*UplinkEncoder*</c>.
/// </summary>
[MemoryDiagnoser]
public class UplinkEncoderBenchmarks
{
    private const int Channels = 100;

    private UplinkMessageEncoder _encoder = null!;
    private OutboxEntry[] _entries = [];

    [GlobalSetup]
    public void Setup()
    {
        _encoder = new UplinkMessageEncoder(UplinkChain.GatewayId, Guid.NewGuid(), UplinkChain.Channels(Channels));
        _entries = [.. Enumerable.Range(0, Channels).Select(i => (OutboxEntry)new OutboxReading(1_000_001 + i, ReadingSource.At(i, Channels)))];
    }

    [Benchmark(OperationsPerInvoke = Channels, Description = "encode 100 readings into a readings message (per reading)")]
    public IReadOnlyList<UplinkMessage> Encode() => _encoder.Encode(_entries);
}
