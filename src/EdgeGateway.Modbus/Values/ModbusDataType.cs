namespace EdgeGateway.Modbus.Values;

/// <summary>How a value is laid out in registers (or, for <see cref="Bool"/>, in a coil or discrete input).</summary>
public enum ModbusDataType
{
    /// <summary>A coil or discrete input.</summary>
    Bool,
    /// <summary>One bit of a 16-bit register (bit 0 is the least significant).</summary>
    Bit,
    U16,
    I16,
    U32,
    I32,
    F32,
    U64,
    I64,
    F64,
}
