using EdgeGateway.Modbus.Slave;
using EdgeGateway.Simulator.Faults;

namespace EdgeGateway.Simulator.Serving;

/// <summary>
/// Keeps bad-CRC faults off Modbus TCP: MBAP frames carry no CRC, so "corrupting the CRC" would corrupt a value
/// instead, which no real link delivers (TCP's checksum drops such a segment).
/// </summary>
internal sealed class MbapFaultFilter(IModbusSlaveFaultPolicy inner) : IModbusSlaveFaultPolicy
{
    public SlaveFault Decide(byte unitId, ReadOnlySpan<byte> requestPdu)
    {
        if (inner is SimulatedFaults simulated)
        {
            return simulated.Decide(unitId, requestPdu, framingHasCrc: false);
        }

        var fault = inner.Decide(unitId, requestPdu);
        return fault.Kind == SlaveFaultKind.BadCrc ? SlaveFault.None : fault;
    }
}
