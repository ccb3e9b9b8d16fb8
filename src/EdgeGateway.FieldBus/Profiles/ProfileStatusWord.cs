using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// A register (or coil, or discrete input) whose bits or enumerated values say that some channels are in
/// maintenance, calibration, fault or stopped. It is read with the channels on every poll.
/// </summary>
/// <param name="Id">Unique among channels and status words.</param>
/// <param name="Table">Modbus table.</param>
/// <param name="Address">0-based protocol address.</param>
/// <param name="Type">U16, I16, U32, I32, or Bool on the coil and discrete-input tables.</param>
/// <param name="ByteOrder">Byte order of a 32-bit word, resolved against the profile default.</param>
/// <param name="Bits">Bits that signal a state when set.</param>
/// <param name="Values">Whole-word values that signal a state; any other value means normal.</param>
public sealed record ProfileStatusWord(
    string Id,
    ModbusTable Table,
    int Address,
    ModbusDataType Type,
    ModbusByteOrder ByteOrder,
    IReadOnlyList<StatusBit> Bits,
    IReadOnlyList<StatusValue> Values)
{
    /// <summary>Registers the word occupies (1 bit on the coil and discrete-input tables).</summary>
    public int Length => ModbusValueCodec.RegisterCount(Type);
}
