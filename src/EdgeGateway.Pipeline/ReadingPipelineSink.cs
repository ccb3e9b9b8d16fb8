using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Pipeline.Ring;
using EdgeGateway.Pipeline.Validation;

namespace EdgeGateway.Pipeline;

/// <summary>
/// The bus threads' side of the pipeline: each poll cycle's channel results are timestamped (monotonic-guarded),
/// calibrated, validated and flagged, and written into the ring. Never blocks: a full ring refuses the reading and
/// the ring counts and reports it.
/// </summary>
/// <remarks>
/// Called concurrently by several bus threads, but each device (hence each channel) belongs to one bus, so the
/// per-channel validator state is touched by one thread only.
/// </remarks>
public sealed class ReadingPipelineSink : IPollSink
{
    private readonly Dictionary<string, int> _firstChannel;
    private readonly ReadingValidator _validator;
    private readonly GatewayChannelStateHolder _state;
    private readonly IRing<Reading> _ring;
    private readonly MonotonicGuardedClock _clock;
    private readonly Func<bool>? _isTimeTrusted;

    /// <param name="channels">Every channel.</param>
    /// <param name="state">The gateway's per-channel state (calibration, windows, manual values).</param>
    /// <param name="ring">Where readings go.</param>
    /// <param name="clock">Keeps timestamps monotonic.</param>
    /// <param name="isTimeTrusted">
    /// Whether the clock comes from a trusted source now; while it answers false, readings with nothing else to say
    /// (flag N) get the reason <see cref="FlagReason.UntrustedTime"/>. Null: not judged (no RTC configured). Called on
    /// every cycle from the bus threads: must be cheap and thread-safe.
    /// </param>
    public ReadingPipelineSink(ChannelTable channels, GatewayChannelStateHolder state, IRing<Reading> ring, MonotonicGuardedClock clock, Func<bool>? isTimeTrusted = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(clock);
        _state = state;
        _ring = ring;
        _clock = clock;
        _isTimeTrusted = isTimeTrusted;
        _validator = new ReadingValidator(channels);
        _firstChannel = channels.Channels
            .GroupBy(channel => channel.Device, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Min(channel => channel.Index), StringComparer.Ordinal);
    }

    public void OnPoll(PolledDevice device, DateTimeOffset timestamp, ReadOnlySpan<ChannelReading> readings, ModbusErrorKind error)
    {
        var first = _firstChannel[device.Name];
        var ticks = _clock.Guard(timestamp.UtcTicks);
        var state = _state.Current;
        var untrusted = _isTimeTrusted is { } isTrusted && !isTrusted();
        foreach (ref readonly var polled in readings)
        {
            var channel = first + polled.ChannelIndex;
            var reading = _validator.Validate(channel, ticks, polled, state[channel]);
            if (untrusted && reading.Reason == FlagReason.None)
            {
                // The instrument worked, so the HJ 212 flag stays N; only the time is in doubt. A reading with its own
                // reason keeps it: that one says more about the value.
                reading = reading with { Reason = FlagReason.UntrustedTime };
            }

            // A refusal is counted by the ring and announced through its Overflowed event; nothing is lost silently.
            _ring.TryWrite(reading);
        }
    }
}
