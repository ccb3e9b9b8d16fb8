using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Simulator;

/// <summary>
/// Turns a channel's engineering value into the raw registers the analyzer serves: raw = (value − offset) / scale
/// in the channel's type and byte order, integers rounded. The inverse of what the gateway decodes.
/// </summary>
public static class ChannelEncoding
{
    private const double TwoToThe63 = 9223372036854775808.0;

    /// <summary>The raw number for <paramref name="value"/>: unrounded for floating types, rounded half away from zero for integers.</summary>
    public static double RawOf(ProfileChannel channel, double value)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var raw = (value - channel.Offset) / channel.Scale;
        return IsFloating(channel.Type) ? raw : Math.Round(raw, MidpointRounding.AwayFromZero);
    }

    /// <summary>The engineering value the gateway decodes from <paramref name="value"/> after it went through the registers.</summary>
    public static double RoundTrip(ProfileChannel channel, double value)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var raw = RawOf(channel, value);
        if (channel.Type == ModbusDataType.F32)
        {
            // As the gateway decodes it: the float's shortest decimal form.
            raw = ModbusValueCodec.WidenShortest((float)raw);
        }

        return channel.ToEngineering(Math.Clamp(raw, RawMinimum(channel.Type), RawMaximum(channel.Type)));
    }

    /// <summary>The lowest and highest engineering values the channel's registers can carry.</summary>
    public static (double Minimum, double Maximum) EngineeringLimits(ProfileChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var low = (RawMinimum(channel.Type) * channel.Scale) + channel.Offset;
        var high = (RawMaximum(channel.Type) * channel.Scale) + channel.Offset;
        return low <= high ? (low, high) : (high, low);
    }

    /// <summary>True when <paramref name="value"/> fits the channel's type without clamping.</summary>
    public static bool CanEncode(ProfileChannel channel, double value)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!double.IsFinite(value))
        {
            // A float register can carry NaN (analyzers send it for "no value"); integers cannot.
            return IsFloating(channel.Type);
        }

        var raw = RawOf(channel, value);
        return raw >= RawMinimum(channel.Type) && raw <= RawMaximum(channel.Type);
    }

    /// <summary>
    /// Writes <paramref name="value"/> into <paramref name="registers"/> (<see cref="ProfileChannel.Length"/> of them),
    /// clamped to what the type can carry. For bool and bit channels the result is 0 or 1 in <c>registers[0]</c>.
    /// </summary>
    public static void Encode(ProfileChannel channel, double value, Span<ushort> registers)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var raw = RawOf(channel, value);
        if (!IsFloating(channel.Type))
        {
            raw = double.IsNaN(raw) ? 0 : Math.Clamp(raw, RawMinimum(channel.Type), RawMaximum(channel.Type));
        }

        if (channel.Type is ModbusDataType.Bool or ModbusDataType.Bit)
        {
            registers[0] = raw != 0 ? (ushort)1 : (ushort)0;
            return;
        }

        ModbusValueCodec.Encode(raw, channel.Type, channel.ByteOrder, registers);
    }

    private static bool IsFloating(ModbusDataType type) => type is ModbusDataType.F32 or ModbusDataType.F64;

    private static double RawMinimum(ModbusDataType type) => type switch
    {
        ModbusDataType.I16 => short.MinValue,
        ModbusDataType.I32 => int.MinValue,
        // The double just inside ±2^63 (and 2^64): 2^63 itself would overflow the codec's checked conversion.
        ModbusDataType.I64 => -Math.BitDecrement(TwoToThe63),
        ModbusDataType.F32 => float.MinValue,
        ModbusDataType.F64 => double.MinValue,
        _ => 0,
    };

    private static double RawMaximum(ModbusDataType type) => type switch
    {
        ModbusDataType.Bool or ModbusDataType.Bit => 1,
        ModbusDataType.U16 => ushort.MaxValue,
        ModbusDataType.I16 => short.MaxValue,
        ModbusDataType.U32 => uint.MaxValue,
        ModbusDataType.I32 => int.MaxValue,
        ModbusDataType.U64 => Math.BitDecrement(2 * TwoToThe63),
        ModbusDataType.I64 => Math.BitDecrement(TwoToThe63),
        ModbusDataType.F32 => float.MaxValue,
        _ => double.MaxValue,
    };
}
