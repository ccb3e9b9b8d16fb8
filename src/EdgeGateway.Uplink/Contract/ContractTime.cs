using System.Text;

namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// The contract's time: "yyyy-MM-ddTHH:mm:ss.fffZ" of a UTC time, milliseconds truncated. One definition for every
/// message: readings write it from a stack buffer (their hot path, issue 18), aggregates and events as text.
/// </summary>
internal static class ContractTime
{
    /// <summary>The bytes a formatted time takes.</summary>
    public const int Length = 24;

    /// <summary>Writes the time of <paramref name="utcTicks"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Format(long utcTicks, Span<byte> destination)
    {
        var time = new DateTime(utcTicks, DateTimeKind.Utc);
        var at = 0;
        Digits(destination, ref at, time.Year, 4);
        destination[at++] = (byte)'-';
        Digits(destination, ref at, time.Month, 2);
        destination[at++] = (byte)'-';
        Digits(destination, ref at, time.Day, 2);
        destination[at++] = (byte)'T';
        Digits(destination, ref at, time.Hour, 2);
        destination[at++] = (byte)':';
        Digits(destination, ref at, time.Minute, 2);
        destination[at++] = (byte)':';
        Digits(destination, ref at, time.Second, 2);
        destination[at++] = (byte)'.';
        Digits(destination, ref at, time.Millisecond, 3);
        destination[at++] = (byte)'Z';
        return at;
    }

    /// <summary>The time of <paramref name="time"/> as text.</summary>
    public static string ToText(DateTimeOffset time)
    {
        Span<byte> buffer = stackalloc byte[Length];
        return Encoding.ASCII.GetString(buffer[..Format(time.UtcTicks, buffer)]);
    }

    private static void Digits(Span<byte> destination, ref int at, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[at + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        at += count;
    }
}
