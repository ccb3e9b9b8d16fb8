using System.Runtime.InteropServices;

namespace EdgeGateway.Pipeline;

/// <summary>
/// One channel's value at one instant, as it travels from a bus thread through the ring to storage and the uplink.
/// A 32-byte struct copied into ring slots: names, units and codes live in the <see cref="ChannelTable"/>, not here.
/// </summary>
/// <param name="Channel">Gateway-wide channel index into the <see cref="ChannelTable"/>.</param>
/// <param name="TimestampTicks">UTC time of the poll cycle, in <see cref="DateTime.Ticks"/>.</param>
/// <param name="Raw">The decoded register value before scale, offset and calibration; NaN when there is none.</param>
/// <param name="Value">The engineering value after scale, offset and calibration; NaN when there is none (flag B).</param>
/// <param name="Flag">The HJ 212 data flag.</param>
/// <param name="Reason">Why the flag was set.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Reading(int Channel, long TimestampTicks, double Raw, double Value, DataFlag Flag, FlagReason Reason)
{
    public DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);

    /// <summary>True for N and S, the flags whose values count towards averages (see docs/data-quality.md).</summary>
    public bool IsValid => Flag is DataFlag.N or DataFlag.S;
}
