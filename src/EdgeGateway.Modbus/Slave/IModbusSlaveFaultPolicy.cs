namespace EdgeGateway.Modbus.Slave;

/// <summary>Decides, request by request, whether a served slave misbehaves; how simulators inject faults.</summary>
public interface IModbusSlaveFaultPolicy
{
    SlaveFault Decide(byte unitId, ReadOnlySpan<byte> requestPdu);
}
