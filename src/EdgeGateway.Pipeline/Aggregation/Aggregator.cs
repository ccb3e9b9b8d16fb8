using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation.State;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// Turns readings into minute, hour and day records per channel by the HJ 212-2017 Annex D / HJ 75 rules, with
/// windows aligned to the site's wall clock.
/// </summary>
/// <remarks>
/// <para>
/// Not thread-safe, by design: one consumer thread owns it (the ring's consumer), feeds it readings in time order
/// per channel and calls <see cref="Advance"/> on a timer, so windows close on time while no readings arrive.
/// </para>
/// <para>
/// Time only moves forward: the latest of the readings' timestamps and <see cref="Advance"/>'s instants is the
/// aggregator's "now". A minute window closes once now reaches its end plus <see cref="AggregationSettings.CloseDelay"/>;
/// every window is closed, a window without a single reading (bus or process down) gives invalid B records.
/// </para>
/// <para>
/// Every call returns the records it closed, in closing order: a minute's records (one per outlet channel, in the
/// outlet's channel order), then, if that minute ended an hour, the hour's, then the day's. Outlets interleave by
/// window end. Most calls close nothing and return an empty list without allocating.
/// </para>
/// </remarks>
public sealed class Aggregator
{
    private readonly OutletAggregation[] _outlets;
    private readonly int[] _outletOfChannel;
    private readonly int[] _localOfChannel;
    private readonly TimeZoneInfo _zone;
    private readonly long _closeDelayTicks;
    private readonly long _maxGapFillTicks;
    private bool _started;
    private long _watermarkTicks;

    public Aggregator(AggregationSettings settings, ChannelTable channels)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(settings.Outlets);
        _zone = settings.SiteTimeZone ?? throw new ArgumentException("the site time zone is missing", nameof(settings));
        if (settings.CloseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("the close delay is negative", nameof(settings));
        }

        if (settings.MaxGapFill < TimeSpan.Zero || settings.MaxGapFill > TimeSpan.FromDays(366))
        {
            throw new ArgumentException("the gap to fill must be 0 to 366 days", nameof(settings));
        }

        _closeDelayTicks = settings.CloseDelay.Ticks;
        _maxGapFillTicks = settings.MaxGapFill.Ticks;
        _outletOfChannel = new int[channels.Count];
        _localOfChannel = new int[channels.Count];
        Array.Fill(_outletOfChannel, -1);
        _outlets = new OutletAggregation[settings.Outlets.Count];
        for (var outlet = 0; outlet < _outlets.Length; outlet++)
        {
            var layout = OutletLayout.Create(settings.Outlets[outlet], channels, _zone);
            if (_outlets.Take(outlet).Any(other => other.Layout.Name == layout.Name))
            {
                throw new ArgumentException($"two outlets are named {layout.Name}", nameof(settings));
            }

            if (settings.CloseDelay >= TimeSpan.FromMinutes(layout.Rules.MinuteIntervalMinutes))
            {
                throw new ArgumentException($"outlet {layout.Name}: the close delay must be shorter than its minute interval", nameof(settings));
            }

            for (var local = 0; local < layout.Channels.Length; local++)
            {
                var index = layout.Channels[local].Index;
                if (_outletOfChannel[index] >= 0)
                {
                    throw new ArgumentException($"channel {channels[index].Key} is in outlets {_outlets[_outletOfChannel[index]].Layout.Name} and {layout.Name}", nameof(settings));
                }

                _outletOfChannel[index] = outlet;
                _localOfChannel[index] = local;
            }

            _outlets[outlet] = new OutletAggregation(layout);
        }
    }

    /// <summary>Readings whose minute window had already closed when they arrived; they are not counted anywhere else.</summary>
    public long LateReadings { get; private set; }

    /// <summary>Readings not after their channel's previous reading (duplicates, time going back); ignored.</summary>
    public long OutOfOrderReadings { get; private set; }

    /// <summary>Readings of a channel in no outlet (run-state channels never are), or with a flag outside N F M S D C T B; ignored.</summary>
    public long IgnoredReadings { get; private set; }

    /// <summary>The aggregator's "now": the latest reading timestamp or Advance instant seen; null before the first.</summary>
    public DateTimeOffset? Watermark => _started ? new DateTimeOffset(_watermarkTicks, TimeSpan.Zero) : null;

    public IReadOnlyList<AggregateRecord> Add(in Reading reading)
    {
        List<AggregateRecord>? closed = null;
        Accept(reading, ref closed);
        return closed ?? (IReadOnlyList<AggregateRecord>)[];
    }

    /// <summary>A batch drained from the ring; the records closed by all of it, in closing order.</summary>
    public IReadOnlyList<AggregateRecord> Add(ReadOnlySpan<Reading> readings)
    {
        List<AggregateRecord>? closed = null;
        foreach (ref readonly var reading in readings)
        {
            Accept(reading, ref closed);
        }

        return closed ?? (IReadOnlyList<AggregateRecord>)[];
    }

    /// <summary>Moves time on to <paramref name="now"/> (never back) and closes the windows that ended, with or without readings.</summary>
    public IReadOnlyList<AggregateRecord> Advance(DateTimeOffset now)
    {
        List<AggregateRecord>? closed = null;
        MoveWatermark(now.UtcTicks);
        CloseDue(ref closed);
        return closed ?? (IReadOnlyList<AggregateRecord>)[];
    }

    /// <summary>The open windows and counters, to be saved (<see cref="AggregationStateFile"/>) and restored after a restart.</summary>
    public AggregationSnapshot ExportSnapshot() => new()
    {
        SiteUtcOffsetMinutes = (int)_zone.BaseUtcOffset.TotalMinutes,
        WatermarkTicks = _started ? _watermarkTicks : null,
        LateReadings = LateReadings,
        OutOfOrderReadings = OutOfOrderReadings,
        IgnoredReadings = IgnoredReadings,
        Outlets = [.. _outlets.Where(outlet => outlet.IsStarted).Select(outlet => outlet.ToSnapshot())],
    };

    /// <summary>
    /// Continues from a snapshot, then advances to <paramref name="now"/>: windows that ended while the process was
    /// down close (with what they had, invalid if that is too little; the minutes nobody saw as B records, up to
    /// <see cref="AggregationSettings.MaxGapFill"/>), the others stay open for the readings to come. An outlet whose
    /// name, channels or minute interval changed since the snapshot starts afresh, as does everything when the site
    /// zone's offset changed. Only for a fresh aggregator.
    /// </summary>
    /// <returns>The records closed by the restore.</returns>
    /// <exception cref="ArgumentException">The snapshot is of another version or inconsistent.</exception>
    public IReadOnlyList<AggregateRecord> Restore(AggregationSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_started)
        {
            throw new InvalidOperationException("a snapshot can only be restored into an aggregator that has seen nothing yet");
        }

        if (snapshot.Version != AggregationSnapshot.CurrentVersion)
        {
            throw new ArgumentException($"snapshot version {snapshot.Version} is not {AggregationSnapshot.CurrentVersion}", nameof(snapshot));
        }

        var sameClock = snapshot.SiteUtcOffsetMinutes == (int)_zone.BaseUtcOffset.TotalMinutes;
        if (sameClock && snapshot.WatermarkTicks is { } watermark)
        {
            // Build every outlet's state aside first, so a bad snapshot throws before anything changed.
            var restored = new OutletAggregation[_outlets.Length];
            for (var outlet = 0; outlet < restored.Length; outlet++)
            {
                restored[outlet] = new OutletAggregation(_outlets[outlet].Layout);
                var saved = (snapshot.Outlets ?? []).FirstOrDefault(restored[outlet].Matches);
                if (saved is null)
                {
                    restored[outlet].Start(watermark);
                }
                else
                {
                    restored[outlet].Restore(saved);
                }
            }

            restored.CopyTo(_outlets, 0);
            _started = true;
            _watermarkTicks = watermark;
        }

        LateReadings = snapshot.LateReadings;
        OutOfOrderReadings = snapshot.OutOfOrderReadings;
        IgnoredReadings = snapshot.IgnoredReadings;
        return Advance(now);
    }

    private void Accept(in Reading reading, ref List<AggregateRecord>? closed)
    {
        MoveWatermark(reading.TimestampTicks);
        var channel = reading.Channel;
        if ((uint)channel >= (uint)_outletOfChannel.Length || _outletOfChannel[channel] < 0 || reading.Flag > DataFlag.B)
        {
            IgnoredReadings++;
        }
        else
        {
            switch (_outlets[_outletOfChannel[channel]].Add(_localOfChannel[channel], reading))
            {
                case ReadingOutcome.Late:
                    LateReadings++;
                    break;
                case ReadingOutcome.OutOfOrder:
                    OutOfOrderReadings++;
                    break;
            }
        }

        CloseDue(ref closed);
    }

    private void MoveWatermark(long utcTicks)
    {
        if (!_started)
        {
            _started = true;
            _watermarkTicks = utcTicks;
            foreach (var outlet in _outlets)
            {
                outlet.Start(utcTicks);
            }

            return;
        }

        _watermarkTicks = Math.Max(_watermarkTicks, utcTicks);
    }

    private void CloseDue(ref List<AggregateRecord>? closed)
    {
        while (true)
        {
            OutletAggregation? next = null;
            foreach (var outlet in _outlets)
            {
                if (outlet.NextMinuteEndTicks + _closeDelayTicks <= _watermarkTicks
                    && (next is null || outlet.NextMinuteEndTicks < next.NextMinuteEndTicks))
                {
                    next = outlet;
                }
            }

            if (next is null)
            {
                return;
            }

            closed ??= [];
            // Far behind (a long downtime, a clock step): skip the empty windows older than MaxGapFill.
            var fillFrom = _watermarkTicks - _closeDelayTicks - _maxGapFillTicks;
            if (fillFrom > next.NextMinuteEndTicks)
            {
                var target = Math.Min(next.Layout.Calendar.MinuteWindowStart(fillFrom), next.FirstOpenWindowStartTicks);
                if (target > next.NextMinuteStartTicks)
                {
                    next.SkipEmptyWindowsTo(target, closed);
                    continue;
                }
            }

            next.CloseNextMinute(closed);
        }
    }
}
