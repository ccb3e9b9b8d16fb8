using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>One measured value of an analyzer and where it lives in the register map.</summary>
/// <param name="Id">Unique within the profile; <c>[a-z0-9_-]+</c>.</param>
/// <param name="Code">HJ 212 factor code, e.g. <c>a21026</c> (SO2).</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Unit">Engineering unit after scaling, e.g. <c>mg/m³</c>; empty for dimensionless values such as pH.</param>
/// <param name="Table">Modbus table.</param>
/// <param name="Address">0-based protocol address of the first register (or coil).</param>
/// <param name="Type">Layout of the raw value.</param>
/// <param name="Bit">For <see cref="ModbusDataType.Bit"/>: the bit of the register, 0 (least significant) to 15; otherwise null.</param>
/// <param name="ByteOrder">Byte order, already resolved against the profile default.</param>
/// <param name="Scale">Engineering value = raw × Scale + Offset.</param>
/// <param name="Offset">Engineering value = raw × Scale + Offset.</param>
/// <param name="Range">Measuring range in engineering units, if the profile gives one.</param>
/// <param name="RunStates">
/// For a run-state channel (the state of a treatment facility, HJ 212 <c>SBxxx-RS</c>, <see cref="Code"/> is the
/// equipment code such as <c>SB1</c>): the facility's state for each register value; register values not listed are
/// states the profile does not know. Null for a measured value.
/// </param>
/// <param name="TotalOf">
/// For a totaliser (a counter such as a volume or mass total): the id of the rate channel it counts up, whose HJ 212
/// code it shares. Its increase is the rate's <c>-Cou</c>; it is never sent as a value of its own. Null otherwise.
/// </param>
public sealed record ProfileChannel(
    string Id,
    string Code,
    string Name,
    string Unit,
    ModbusTable Table,
    int Address,
    ModbusDataType Type,
    int? Bit,
    ModbusByteOrder ByteOrder,
    double Scale,
    double Offset,
    MeasuringRange? Range,
    IReadOnlyDictionary<long, EquipmentRunState>? RunStates = null,
    string? TotalOf = null)
{
    /// <summary>True for a totaliser: its readings feed its rate channel's <c>-Cou</c>.</summary>
    public bool IsTotal => TotalOf is not null;

    /// <summary>True for a run-state channel: polled and stored like any channel, but not a pollutant factor.</summary>
    public bool IsRunState => RunStates is not null;

    /// <summary>
    /// raw × <see cref="Scale"/> + <see cref="Offset"/>. A decimal scale (0.1, 0.01, 0.001 …) divides by its inverse
    /// instead, an exact integer: 3 × 0.1 is 0.30000000000000004 in binary, 3 / 10 is the double nearest 0.3, which is
    /// what the analyzer means and what a platform should see.
    /// </summary>
    public double ToEngineering(double raw)
    {
        var inverse = 1 / Scale;
        var divisor = Math.Round(inverse);
        var scaled = divisor >= 2 && Math.Abs(inverse - divisor) <= 1e-9 * divisor ? raw / divisor : raw * Scale;
        return scaled + Offset;
    }

    /// <summary>Registers the value occupies (bits, on the coil and discrete-input tables).</summary>
    public int Length => ModbusValueCodec.RegisterCount(Type);
}
