using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.FieldBus.Planning;

/// <summary>What one request may span, for one device.</summary>
/// <param name="MaxRegistersPerRequest">Most registers per FC03/FC04, 1..125.</param>
/// <param name="MaxBitsPerRequest">Most coils or discrete inputs per FC01/FC02, 1..2000.</param>
/// <param name="MaxGap">Registers of unwanted data the planner may read to merge two requests.</param>
public sealed record ReadPlanLimits(
    int MaxRegistersPerRequest = ProfileDefaults.ModbusMaxRegisters,
    int MaxBitsPerRequest = ProfileDefaults.ModbusMaxBits,
    int MaxGap = ProfileDefaults.DefaultMaxGap)
{
    /// <summary>
    /// Bits of unwanted coils or discrete inputs the planner may read: 16 per register of <see cref="MaxGap"/>,
    /// because what a hole costs is response bytes on the wire, and 16 bits cost what one register costs.
    /// </summary>
    public int MaxBitGap => MaxGap * 16;

    public static ReadPlanLimits From(ProfileDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new ReadPlanLimits(defaults.MaxRegistersPerRequest, defaults.MaxBitsPerRequest, defaults.MaxGap);
    }

    /// <summary>The most registers (or bits) one request of <paramref name="table"/> may span.</summary>
    public int MaxCountFor(ModbusTable table) => IsBitTable(table) ? MaxBitsPerRequest : MaxRegistersPerRequest;

    /// <summary>The largest hole, in registers (or bits), the planner may read across on <paramref name="table"/>.</summary>
    public int MaxGapFor(ModbusTable table) => IsBitTable(table) ? MaxBitGap : MaxGap;

    internal static bool IsBitTable(ModbusTable table) => table is ModbusTable.Coil or ModbusTable.DiscreteInput;
}
