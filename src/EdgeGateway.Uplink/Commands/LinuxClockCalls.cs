using System.Runtime.InteropServices;

namespace EdgeGateway.Uplink.Commands;

/// <summary>The libc clock calls, source-generated (no runtime marshalling stubs, Native-AOT safe).</summary>
internal static unsafe partial class LinuxClockCalls
{
    /// <summary><c>CLOCK_REALTIME</c>: the wall clock (the same id on every Linux architecture).</summary>
    public const int RealTimeClock = 0;

    /// <summary><c>TIME_ERROR</c>: what <c>adjtimex</c> answers while the kernel considers the clock unsynchronised.</summary>
    public const int TimeError = 5;

    /// <summary>
    /// Room for <c>struct timex</c> (208 bytes on 64-bit, less on 32-bit). Zeroed, its <c>modes</c> is 0: a read, which
    /// needs no privilege.
    /// </summary>
    public const int TimexBufferBytes = 512;

    public const int NotPermitted = 1;       // EPERM
    public const int InvalidArgument = 22;   // EINVAL

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "clock_settime", SetLastError = true)]
    public static partial int ClockSetTime(int clockId, ClockTimeSpec* time);

    [LibraryImport(Library, EntryPoint = "adjtimex", SetLastError = true)]
    public static partial int AdjustTimex(byte* timex);
}
