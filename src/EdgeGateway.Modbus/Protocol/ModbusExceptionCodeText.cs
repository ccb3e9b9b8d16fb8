namespace EdgeGateway.Modbus.Protocol;

/// <summary>The words a technician reads for each exception code.</summary>
public static class ModbusExceptionCodeText
{
    public static string Describe(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.IllegalFunction => "illegal function (the device does not support this function code)",
        ModbusExceptionCode.IllegalDataAddress => "illegal data address (the device has no register there)",
        ModbusExceptionCode.IllegalDataValue => "illegal data value",
        ModbusExceptionCode.ServerDeviceFailure => "server device failure",
        ModbusExceptionCode.Acknowledge => "acknowledge (long operation in progress)",
        ModbusExceptionCode.ServerDeviceBusy => "server device busy",
        ModbusExceptionCode.NegativeAcknowledge => "negative acknowledge",
        ModbusExceptionCode.MemoryParityError => "memory parity error",
        ModbusExceptionCode.GatewayPathUnavailable => "gateway path unavailable",
        ModbusExceptionCode.GatewayTargetDeviceFailedToRespond => "gateway target device failed to respond",
        _ => "unknown exception code",
    };
}
