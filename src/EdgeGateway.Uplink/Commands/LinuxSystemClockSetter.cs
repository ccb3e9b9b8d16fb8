using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Steps the Linux wall clock with <c>clock_settime(CLOCK_REALTIME)</c>. The service needs <c>CAP_SYS_TIME</c>
/// (systemd: <c>AmbientCapabilities=CAP_SYS_TIME</c>); without it the kernel answers EPERM and the reply says so.
/// </summary>
/// <remarks>
/// The hardware clock (RTC) is not written: systemd and chrony copy the system time to it, and a gateway whose RTC
/// matters runs one of them. Readings stay monotonic across a step back (<see cref="Pipeline.MonotonicGuardedClock"/>).
/// </remarks>
public sealed class LinuxSystemClockSetter : ISystemClockSetter
{
    public unsafe bool TrySet(DateTimeOffset utc, [NotNullWhen(false)] out string? error)
    {
        ClockTimeSpec time;
        try
        {
            time = ClockTimeSpec.FromUtc(utc);
        }
        catch (OverflowException)
        {
            error = $"{utc:O} does not fit this system's clock";
            return false;
        }

        if (LinuxClockCalls.ClockSetTime(LinuxClockCalls.RealTimeClock, &time) == 0)
        {
            error = null;
            return true;
        }

        error = DescribeFailure(Marshal.GetLastPInvokeError());
        return false;
    }

    /// <summary>What a failed <c>clock_settime</c> means, in words a technician acts on.</summary>
    internal static string DescribeFailure(int errno) => errno switch
    {
        LinuxClockCalls.NotPermitted => "the service lacks CAP_SYS_TIME (grant it with AmbientCapabilities=CAP_SYS_TIME in its systemd unit)",
        LinuxClockCalls.InvalidArgument => "the kernel refused that time (out of its range)",
        _ => $"clock_settime failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})",
    };
}
