using System.Runtime.InteropServices;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// <c>struct timespec</c> as the plain <c>clock_settime</c> symbol takes it: two C longs (16 bytes on 64-bit, 8 on armhf,
/// where the seconds then end in 2038; glibc's 64-bit-time variant is a different symbol we do not bind).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ClockTimeSpec
{
    public nint Seconds;
    public nint Nanoseconds;

    /// <summary>Seconds and nanoseconds since the Unix epoch, to the 100 ns tick.</summary>
    public static ClockTimeSpec FromUtc(DateTimeOffset utc)
    {
        var ticks = utc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new ClockTimeSpec
        {
            Seconds = checked((nint)(ticks / TimeSpan.TicksPerSecond)),
            Nanoseconds = (nint)(ticks % TimeSpan.TicksPerSecond * 100),
        };
    }
}
