using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Framing;

/// <summary>
/// RTU character timing (Modbus over Serial Line v1.02 §2.5.1.1): t1.5 and t3.5 character times, fixed at
/// 750 µs and 1750 µs above 19200 baud where the per-character times become too short for UARTs to honour.
/// </summary>
public readonly record struct RtuTiming(TimeSpan CharacterTime, TimeSpan T15, TimeSpan T35)
{
    /// <summary>Above this baud rate t1.5 and t3.5 are fixed instead of counted in character times.</summary>
    public const int FixedTimingAboveBaud = 19200;

    /// <summary>t1.5 above <see cref="FixedTimingAboveBaud"/>.</summary>
    public static TimeSpan FixedT15 => TimeSpan.FromMicroseconds(750);

    /// <summary>t3.5 above <see cref="FixedTimingAboveBaud"/>.</summary>
    public static TimeSpan FixedT35 => TimeSpan.FromMicroseconds(1750);

    public static RtuTiming For(SerialSettings settings) => For(settings.BaudRate, settings.BitsPerCharacter);

    public static RtuTiming For(int baudRate, int bitsPerCharacter)
    {
        if (baudRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "baud rate must be positive");
        }

        var character = TimeSpan.FromTicks((long)Math.Ceiling(bitsPerCharacter * (double)TimeSpan.TicksPerSecond / baudRate));
        if (baudRate > FixedTimingAboveBaud)
        {
            return new RtuTiming(character, FixedT15, FixedT35);
        }

        return new RtuTiming(character, TimeSpan.FromTicks(character.Ticks * 3 / 2), TimeSpan.FromTicks(character.Ticks * 7 / 2));
    }

    /// <summary>How long <paramref name="bytes"/> take on the wire.</summary>
    public TimeSpan WireTime(int bytes) => TimeSpan.FromTicks(CharacterTime.Ticks * bytes);
}
