using EdgeGateway.FieldBus.Polling;

namespace EdgeGateway.Pipeline.Validation;

/// <summary>
/// Turns a channel's poll result into a flagged <see cref="Reading"/>: applies calibration, then sets the HJ 212 flag.
/// </summary>
/// <remarks>
/// <para>Precedence, first match wins (docs/data-quality.md):</para>
/// <list type="number">
/// <item>B — the analyzer did not answer or refused the read: no value, and the last good value is never repeated.</item>
/// <item>D — the registers are not a number (or, on a run-state channel, a state the profile does not list), the analyzer's status says fault, the value is stuck, or it spiked.</item>
/// <item>C — calibration, by the analyzer's status or a gateway calibration window.</item>
/// <item>M — maintenance, by the analyzer's status or a gateway maintenance window.</item>
/// <item>F — the analyzer's status says stopped.</item>
/// <item>T — above the measuring range's upper limit.</item>
/// <item>S — a manual value replaces the analyzer's.</item>
/// <item>N — otherwise.</item>
/// </list>
/// <para>
/// Threading: each channel belongs to exactly one bus, so exactly one thread validates it; the per-channel state in
/// this class is indexed by channel and never shared between threads, hence no locks.
/// </para>
/// </remarks>
public sealed class ReadingValidator
{
    private readonly ChannelTable _channels;
    private readonly ChannelTrack[] _tracks;

    public ReadingValidator(ChannelTable channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels;
        _tracks = new ChannelTrack[channels.Count];
    }

    /// <summary>Validates one channel's result of one poll cycle.</summary>
    /// <param name="channel">Gateway-wide channel index.</param>
    /// <param name="timestampTicks">UTC ticks of the cycle.</param>
    /// <param name="polled">What the bus delivered for the channel.</param>
    /// <param name="state">The gateway's current state for the channel.</param>
    public Reading Validate(int channel, long timestampTicks, in ChannelReading polled, ChannelOverride state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var at = new DateTimeOffset(timestampTicks, TimeSpan.Zero);
        switch (polled.Outcome)
        {
            case ChannelReadOutcome.NoAnswer:
                return new Reading(channel, timestampTicks, double.NaN, double.NaN, DataFlag.B, FlagReason.NoAnswer);
            case ChannelReadOutcome.PortLost:
                return new Reading(channel, timestampTicks, double.NaN, double.NaN, DataFlag.B, FlagReason.PortLost);
            case ChannelReadOutcome.Refused:
                return new Reading(channel, timestampTicks, double.NaN, double.NaN, DataFlag.B, FlagReason.Refused);
            case ChannelReadOutcome.NotANumber:
                return new Reading(channel, timestampTicks, polled.Raw, double.NaN, DataFlag.D, FlagReason.NotANumber);
            case ChannelReadOutcome.UnknownRunState:
                return new Reading(channel, timestampTicks, polled.Raw, double.NaN, DataFlag.D, FlagReason.UnknownRunState);
        }

        var measured = polled.Value;
        var value = state.Calibration?.Apply(measured) ?? measured;
        ref var track = ref _tracks[channel];
        var rules = state.Rules ?? ChannelValidationRules.None;
        var stuck = IsStuck(ref track, measured, timestampTicks, rules);
        var spike = IsSpike(ref track, value, timestampTicks, rules);
        track.LastValue = value;
        track.LastTicks = timestampTicks;
        track.HasValue = true;

        var status = polled.Status;
        var (flag, reason) =
            (status & ChannelStatus.Fault) != 0 ? (DataFlag.D, FlagReason.AnalyzerFault)
            : stuck ? (DataFlag.D, FlagReason.StuckValue)
            : spike ? (DataFlag.D, FlagReason.Spike)
            : (status & ChannelStatus.Calibration) != 0 ? (DataFlag.C, FlagReason.AnalyzerCalibration)
            : state.CalibrationUntil > at ? (DataFlag.C, FlagReason.CalibrationWindow)
            : (status & ChannelStatus.Maintenance) != 0 ? (DataFlag.M, FlagReason.AnalyzerMaintenance)
            : state.MaintenanceUntil > at ? (DataFlag.M, FlagReason.MaintenanceWindow)
            : (status & ChannelStatus.Stopped) != 0 ? (DataFlag.F, FlagReason.AnalyzerStopped)
            : _channels[channel].Range is { } range && value > range.Max ? (DataFlag.T, FlagReason.AboveRange)
            : state.ManualValue is not null ? (DataFlag.S, FlagReason.ManualValue)
            : (DataFlag.N, FlagReason.None);

        if (flag == DataFlag.S)
        {
            value = state.ManualValue!.Value;
        }

        return new Reading(channel, timestampTicks, polled.Raw, value, flag, reason);
    }

    private static bool IsStuck(ref ChannelTrack track, double measured, long ticks, ChannelValidationRules rules)
    {
        if (!track.HasValue || measured != track.LastMeasured)
        {
            track.LastMeasured = measured;
            track.UnchangedSinceTicks = ticks;
            return false;
        }

        return rules.StuckAfter is { } limit && ticks - track.UnchangedSinceTicks > limit.Ticks;
    }

    private static bool IsSpike(ref ChannelTrack track, double value, long ticks, ChannelValidationRules rules)
    {
        if (rules.MaxRatePerSecond is not { } maxRate || !track.HasValue || ticks <= track.LastTicks || !double.IsFinite(track.LastValue))
        {
            return false;
        }

        var seconds = (ticks - track.LastTicks) / (double)TimeSpan.TicksPerSecond;
        return Math.Abs(value - track.LastValue) / seconds > maxRate;
    }
}
