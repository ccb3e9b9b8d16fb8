using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// A named write that makes the analyzer do something: zero or span check, blow-back, sample retention.
/// One FC05 (coil) or FC06 (holding register) of <see cref="Value"/>, then the <see cref="Results"/> are read back.
/// </summary>
/// <param name="Name">Command name, camelCase, e.g. <c>zero</c>, <c>span</c>, <c>blowback</c>, <c>retainSample</c>.</param>
/// <param name="Table">Coil or holding register.</param>
/// <param name="Address">0-based protocol address.</param>
/// <param name="Value">Value to write: 0 or 1 for a coil; -32768..65535 for a register (negative values are written as their 16-bit two's complement).</param>
/// <param name="Results">Registers read once the write is acknowledged.</param>
public sealed record ProfileCommand(string Name, ModbusTable Table, int Address, int Value, IReadOnlyList<CommandRegister> Results);
