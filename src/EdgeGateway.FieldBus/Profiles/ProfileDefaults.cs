using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>Device-wide settings of a profile.</summary>
/// <param name="ByteOrder">Byte order of multi-register values unless a channel overrides it.</param>
/// <param name="MaxRegistersPerRequest">Most registers one FC03/FC04 may ask for: 125 by the spec, lower for analyzers that answer larger reads with exception 03.</param>
/// <param name="MaxBitsPerRequest">Most coils or discrete inputs one FC01/FC02 may ask for: 2000 by the spec.</param>
/// <param name="MaxGap">Registers of unwanted data the planner may read to merge two requests into one.</param>
public sealed record ProfileDefaults(
    ModbusByteOrder ByteOrder = ModbusByteOrder.ABCD,
    int MaxRegistersPerRequest = ProfileDefaults.ModbusMaxRegisters,
    int MaxBitsPerRequest = ProfileDefaults.ModbusMaxBits,
    int MaxGap = ProfileDefaults.DefaultMaxGap)
{
    /// <summary>FC03/FC04 limit of the Modbus application protocol (the byte count must fit in one byte).</summary>
    public const int ModbusMaxRegisters = ModbusLimits.MaxReadRegisters;

    /// <summary>FC01/FC02 limit of the Modbus application protocol.</summary>
    public const int ModbusMaxBits = ModbusLimits.MaxReadBits;

    /// <summary>
    /// Ten junk registers cost 20 response bytes; a separate request costs about as much (8-byte request,
    /// 5-byte response frame, two t3.5 silences) plus the slave's turnaround, so merging across ten is still a gain.
    /// </summary>
    public const int DefaultMaxGap = 10;
}
