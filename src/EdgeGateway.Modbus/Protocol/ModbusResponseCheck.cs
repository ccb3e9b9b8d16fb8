namespace EdgeGateway.Modbus.Protocol;

/// <summary>The verdict on a response PDU: fine, a slave exception, or a mismatch with a reason.</summary>
public readonly record struct ModbusResponseCheck(ModbusErrorKind Error, ModbusExceptionCode ExceptionCode, string? Reason)
{
    public static ModbusResponseCheck Ok => default;

    public bool IsOk => Error == ModbusErrorKind.None;

    public static ModbusResponseCheck SlaveException(ModbusExceptionCode code) => new(ModbusErrorKind.Exception, code, null);

    public static ModbusResponseCheck Mismatch(string reason) => new(ModbusErrorKind.Mismatch, ModbusExceptionCode.None, reason);
}
