using System.Collections.Concurrent;
using EdgeGateway.Modbus.Slave;

namespace EdgeGateway.Modbus.Tests.Slave;

/// <summary>A fault policy the test scripts: each queued fault applies to one request, then the slave behaves.</summary>
public sealed class ScriptedFaults : IModbusSlaveFaultPolicy
{
    private readonly ConcurrentQueue<SlaveFault> _next = new();

    public void Enqueue(SlaveFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _next.Enqueue(fault);
        }
    }

    public SlaveFault Decide(byte unitId, ReadOnlySpan<byte> requestPdu) => _next.TryDequeue(out var fault) ? fault : SlaveFault.None;
}
