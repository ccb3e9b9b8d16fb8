using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Slave;

/// <summary>A decision to misbehave on one request.</summary>
public readonly record struct SlaveFault(SlaveFaultKind Kind, TimeSpan Delay = default, ModbusExceptionCode ExceptionCode = ModbusExceptionCode.ServerDeviceFailure)
{
    public static SlaveFault None => default;
}
