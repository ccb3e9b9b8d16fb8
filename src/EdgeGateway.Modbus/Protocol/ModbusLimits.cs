namespace EdgeGateway.Modbus.Protocol;

/// <summary>Quantity limits from the specification (§6.1–6.12); a PDU never exceeds 253 bytes.</summary>
public static class ModbusLimits
{
    public const int MaxPduLength = 253;
    public const int MaxReadRegisters = 125;
    public const int MaxReadBits = 2000;
    public const int MaxWriteRegisters = 123;
    public const int MaxWriteCoils = 1968;
}
