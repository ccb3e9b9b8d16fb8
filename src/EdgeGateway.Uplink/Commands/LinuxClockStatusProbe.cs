using System.Runtime.InteropServices;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Asks the kernel whether the clock is synchronised: <c>adjtimex</c> with no change answers <c>TIME_ERROR</c> while
/// nothing disciplines the clock, and another state once chrony, ntpd or systemd-timesyncd does. That covers every
/// synchroniser, where the marker file <c>/run/systemd/timesync/synchronized</c> only covers timesyncd; the marker is
/// still used to name it.
/// </summary>
public sealed class LinuxClockStatusProbe : IClockStatusProbe
{
    /// <summary>The file systemd-timesyncd creates once it has synchronised the clock.</summary>
    public const string TimesyncdMarker = "/run/systemd/timesync/synchronized";

    private readonly string _timesyncdMarker;

    /// <param name="timesyncdMarker">The timesyncd marker file; a test may point it elsewhere.</param>
    public LinuxClockStatusProbe(string timesyncdMarker = TimesyncdMarker)
    {
        ArgumentException.ThrowIfNullOrEmpty(timesyncdMarker);
        _timesyncdMarker = timesyncdMarker;
    }

    public ClockStatus Probe()
    {
        var state = KernelClockState(out var errno);
        var timesyncd = File.Exists(_timesyncdMarker);
        return state switch
        {
            < 0 when timesyncd => new ClockStatus("system", true, "systemd-timesyncd has synchronised the clock"),
            < 0 => new ClockStatus("system", null, $"the kernel's clock state is unknown (adjtimex: {Marshal.GetPInvokeErrorMessage(errno)})"),
            LinuxClockCalls.TimeError => new ClockStatus("system", false, "the kernel reports the clock unsynchronised (no NTP)"),
            _ => new ClockStatus("system", true, timesyncd ? "systemd-timesyncd keeps the clock" : "the kernel reports the clock synchronised (NTP)"),
        };
    }

    private static unsafe int KernelClockState(out int errno)
    {
        var timex = stackalloc byte[LinuxClockCalls.TimexBufferBytes];
        new Span<byte>(timex, LinuxClockCalls.TimexBufferBytes).Clear();
        var state = LinuxClockCalls.AdjustTimex(timex);
        errno = state < 0 ? Marshal.GetLastPInvokeError() : 0;
        return state;
    }
}
