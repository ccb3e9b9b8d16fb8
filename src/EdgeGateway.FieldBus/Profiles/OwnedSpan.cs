using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>The registers (or bits) one channel or status word occupies, as the overlap check sees them.</summary>
/// <param name="SharesRegister">True for a bit channel or a 16-bit status word: such items may share their one register with each other.</param>
/// <param name="Order">Declaration order, so the check reports the later of two overlapping items.</param>
internal readonly record struct OwnedSpan(ModbusTable Table, int Address, int Length, string Owner, ProfileItemKind Kind, bool SharesRegister, int Order)
{
    public int End => Address + Length;
}
