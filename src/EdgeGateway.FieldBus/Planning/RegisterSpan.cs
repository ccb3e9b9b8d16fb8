using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Planning;

/// <summary>
/// Registers (or coils, or discrete inputs) one item needs read: a channel or a status word. The planner treats it
/// as indivisible, so a 32-bit value always arrives in one response.
/// </summary>
/// <param name="Table">Modbus table.</param>
/// <param name="Address">0-based protocol address of the first register or bit.</param>
/// <param name="Length">Registers, or bits on the coil and discrete-input tables; at least 1.</param>
/// <param name="Owner">Id of the channel or status word.</param>
/// <param name="OwnerKind">Whether <paramref name="Owner"/> is a channel or a status word.</param>
public sealed record RegisterSpan(ModbusTable Table, int Address, int Length, string Owner, SpanOwnerKind OwnerKind = SpanOwnerKind.Channel)
{
    /// <summary>One past the last register or bit.</summary>
    public int End => Address + Length;

    public static RegisterSpan Of(ProfileChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new RegisterSpan(channel.Table, channel.Address, channel.Length, channel.Id);
    }

    public static RegisterSpan Of(ProfileStatusWord status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new RegisterSpan(status.Table, status.Address, status.Length, status.Id, SpanOwnerKind.StatusWord);
    }

    /// <summary>Every channel and status word of a profile, in file order.</summary>
    public static IReadOnlyList<RegisterSpan> AllOf(DeviceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return [.. profile.Channels.Select(Of), .. profile.Status.Select(Of)];
    }

    public override string ToString() => $"{Owner} @ {ProfileNames.DescribeSpan(Table, Address, Length)}";
}
