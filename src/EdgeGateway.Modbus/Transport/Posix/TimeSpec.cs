using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// <c>struct timespec</c> as the plain <c>ppoll</c> symbol expects it: two C longs, so 16 bytes on 64-bit and 8 bytes
/// on armhf (glibc routes 64-bit-time callers to <c>__ppoll64</c>, a different symbol we do not bind).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    private const long NanosecondsPerTick = 100;

    public nint Seconds;
    public nint Nanoseconds;

    /// <summary>Converts exactly, to the 100 ns tick, so a 1.75 ms Modbus t3.5 stays 1.75 ms.</summary>
    public static TimeSpec FromTimeSpan(TimeSpan duration)
    {
        long ticks = Math.Max(0, duration.Ticks);
        return new TimeSpec
        {
            Seconds = (nint)(ticks / TimeSpan.TicksPerSecond),
            Nanoseconds = (nint)(ticks % TimeSpan.TicksPerSecond * NanosecondsPerTick),
        };
    }
}
