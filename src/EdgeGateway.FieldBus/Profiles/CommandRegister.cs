using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>A named register a command reads back after its write, e.g. <c>vaseNo</c>, the bottle a retained sample went into (HJ 212 CN 3015 answers it).</summary>
/// <param name="Name">Name of the result, camelCase like the HJ 212 field it feeds.</param>
/// <param name="Table">Input or holding.</param>
/// <param name="Address">0-based protocol address.</param>
/// <param name="Type">A register type (not Bool or Bit).</param>
/// <param name="ByteOrder">Resolved against the profile default.</param>
public sealed record CommandRegister(string Name, ModbusTable Table, int Address, ModbusDataType Type, ModbusByteOrder ByteOrder)
{
    /// <summary>Registers the value occupies.</summary>
    public int Length => ModbusValueCodec.RegisterCount(Type);
}
