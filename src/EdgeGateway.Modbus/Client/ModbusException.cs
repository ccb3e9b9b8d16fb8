using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Client;

/// <summary>A failed Modbus transaction, by kind.</summary>
public class ModbusException : Exception
{
    public ModbusException(ModbusErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public ModbusErrorKind Kind { get; }
}
