using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Benchmarks.Bench;

/// <summary>Counts cycles and failed cycles; does nothing else, so the bench measures the poll loop alone.</summary>
internal sealed class CountingSink : IPollSink
{
    private long _cycles;
    private long _failures;

    public long Cycles => Interlocked.Read(ref _cycles);

    public long Failures => Interlocked.Read(ref _failures);

    public void OnPoll(PolledDevice device, DateTimeOffset timestamp, ReadOnlySpan<ChannelReading> readings, ModbusErrorKind error)
    {
        Interlocked.Increment(ref _cycles);
        if (error != ModbusErrorKind.None)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}
