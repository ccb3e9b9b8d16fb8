using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation.State;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// One outlet's windows: the open minute windows with their samples, the hour and the day in progress. Minute windows
/// close strictly in order, one after the other, empty ones included; an hour closes right after its last minute, a
/// day right after its last hour.
/// </summary>
internal sealed class OutletAggregation(OutletLayout layout)
{
    // Sorted by start. Usually one; two while the previous window waits out the close delay.
    private readonly List<MinuteWindow> _open = [];

    // Per outlet channel: timestamp of its last sample, 0 when none yet. Gives each sample its share of time.
    private readonly long[] _lastSampleTicks = new long[layout.Channels.Length];

    // Per totaliser: its last valid value and when it was read (0: none), which its next sample's increase starts from.
    // Not in the snapshot: after a restart the first minute's Cou is the rate's integral instead.
    private readonly double[] _lastCounterValue = new double[layout.Channels.Length];
    private readonly long[] _lastCounterTicks = new long[layout.Channels.Length];

    private PeriodAccumulator? _hour;
    private PeriodAccumulator? _day;

    public OutletLayout Layout => layout;

    public bool IsStarted { get; private set; }

    /// <summary>Start of the earliest minute window not yet closed; readings before it are late.</summary>
    public long NextMinuteStartTicks { get; private set; }

    public long NextMinuteEndTicks => NextMinuteStartTicks + layout.Calendar.MinuteTicks;

    /// <summary>Start of the earliest window holding samples, <see cref="long.MaxValue"/> when none does.</summary>
    public long FirstOpenWindowStartTicks => _open.Count > 0 ? _open[0].StartTicks : long.MaxValue;

    /// <summary>Records begin with the minute window containing the aggregator's first instant.</summary>
    public void Start(long utcTicks)
    {
        NextMinuteStartTicks = layout.Calendar.MinuteWindowStart(utcTicks);
        IsStarted = true;
    }

    public ReadingOutcome Add(int local, in Reading reading)
    {
        var ticks = reading.TimestampTicks;
        var windowStart = layout.Calendar.MinuteWindowStart(ticks);
        if (windowStart < NextMinuteStartTicks)
        {
            return ReadingOutcome.Late;
        }

        var last = _lastSampleTicks[local];
        if (ticks <= last)
        {
            return ReadingOutcome.OutOfOrder;
        }

        // Each sample stands for the time since the channel's previous one (capped, so a restart or a gap does not
        // credit one sample with an hour of flow); the very first sample stands for one poll interval.
        var share = last == 0 ? layout.PollIntervalTicks : Math.Min(ticks - last, layout.MaxShareTicks);
        var increase = layout.Channels[local].Role == ChannelRole.Total ? CounterIncrease(local, ticks, reading) : double.NaN;
        Window(windowStart).Samples[local].Add(new Sample(ticks, reading.Value, reading.Flag, share, increase));
        _lastSampleTicks[local] = ticks;
        return ReadingOutcome.Accepted;
    }

    // The counter's increase since its previous valid reading, when that was recent (within the longest share a sample
    // may have) and the counter did not go back (a reset or a wrap); NaN otherwise, and for an invalid reading.
    private double CounterIncrease(int local, long ticks, in Reading reading)
    {
        if (reading.Flag is not (DataFlag.N or DataFlag.S) || !double.IsFinite(reading.Value))
        {
            return double.NaN;
        }

        var previousTicks = _lastCounterTicks[local];
        var previous = _lastCounterValue[local];
        _lastCounterTicks[local] = ticks;
        _lastCounterValue[local] = reading.Value;
        return previousTicks != 0 && ticks - previousTicks <= layout.MaxShareTicks && reading.Value >= previous
            ? reading.Value - previous
            : double.NaN;
    }

    public void CloseNextMinute(List<AggregateRecord> output)
    {
        var start = NextMinuteStartTicks;
        MinuteWindow? window = null;
        if (_open.Count > 0 && _open[0].StartTicks == start)
        {
            window = _open[0];
            _open.RemoveAt(0);
        }

        _hour ??= new PeriodAccumulator(layout.Calendar.HourStart(start), WindowCalendar.HourTicks, layout.Channels.Length);
        for (var local = 0; local < layout.Channels.Length; local++)
        {
            var record = AggregatePrecision.Round(MinuteRecordCalculator.Compute(layout, window, start, local));
            output.Add(record);
            _hour.Channels[local].Add(record);
        }

        NextMinuteStartTicks = start + layout.Calendar.MinuteTicks;
        if (NextMinuteStartTicks >= _hour.EndTicks)
        {
            CloseHour(output);
        }
    }

    /// <summary>
    /// Jumps over minute windows that hold no samples without a record for each (see
    /// <see cref="AggregationSettings.MaxGapFill"/>); an hour or day that ends within the jump is closed with what it has.
    /// </summary>
    public void SkipEmptyWindowsTo(long targetTicks, List<AggregateRecord> output)
    {
        if (_hour is not null && _hour.EndTicks <= targetTicks)
        {
            CloseHour(output);
        }

        if (_day is not null && _day.EndTicks <= targetTicks)
        {
            CloseDay(output);
        }

        NextMinuteStartTicks = targetTicks;
    }

    public OutletSnapshot ToSnapshot() => new()
    {
        Name = layout.Name,
        MinuteIntervalMinutes = layout.Rules.MinuteIntervalMinutes,
        Channels = [.. layout.Rules.Channels],
        NextMinuteStartTicks = NextMinuteStartTicks,
        LastSampleTicks = [.. _lastSampleTicks],
        OpenMinutes = [.. _open.Select(ToSnapshot)],
        Hour = _hour is null ? null : ToSnapshot(_hour),
        Day = _day is null ? null : ToSnapshot(_day),
    };

    /// <summary>Whether a snapshot was taken of this outlet as it is configured now.</summary>
    public bool Matches(OutletSnapshot snapshot) =>
        snapshot.Name == layout.Name
        && snapshot.MinuteIntervalMinutes == layout.Rules.MinuteIntervalMinutes
        && snapshot.Channels is not null
        && snapshot.Channels.SequenceEqual(layout.Rules.Channels);

    /// <summary>Takes over the snapshot's state; checks all of it before changing anything.</summary>
    public void Restore(OutletSnapshot snapshot)
    {
        var channelCount = layout.Channels.Length;
        var calendar = layout.Calendar;
        Require(snapshot.NextMinuteStartTicks > 0 && calendar.MinuteWindowStart(snapshot.NextMinuteStartTicks) == snapshot.NextMinuteStartTicks, "its next minute is not a window start");
        Require(snapshot.LastSampleTicks?.Count == channelCount, "its last-sample times do not match its channels");
        var windows = new List<MinuteWindow>();
        foreach (var windowSnapshot in snapshot.OpenMinutes ?? [])
        {
            Require(windowSnapshot.StartTicks >= snapshot.NextMinuteStartTicks && calendar.MinuteWindowStart(windowSnapshot.StartTicks) == windowSnapshot.StartTicks, "an open window does not start on a window boundary after the next minute");
            Require(windows.Count == 0 || windows[^1].StartTicks < windowSnapshot.StartTicks, "its open windows are not in order");
            windows.Add(Restore(windowSnapshot, channelCount, calendar));
        }

        var hour = snapshot.Hour is null ? null : Restore(snapshot.Hour, calendar.HourStart, WindowCalendar.HourTicks, channelCount);
        var day = snapshot.Day is null ? null : Restore(snapshot.Day, calendar.DayStart, WindowCalendar.DayTicks, channelCount);

        _open.Clear();
        _open.AddRange(windows);
        snapshot.LastSampleTicks!.ToArray().CopyTo(_lastSampleTicks, 0);
        _hour = hour;
        _day = day;
        NextMinuteStartTicks = snapshot.NextMinuteStartTicks;
        IsStarted = true;
    }

    private MinuteWindow Window(long startTicks)
    {
        var position = _open.Count;
        while (position > 0 && _open[position - 1].StartTicks >= startTicks)
        {
            if (_open[position - 1].StartTicks == startTicks)
            {
                return _open[position - 1];
            }

            position--;
        }

        var window = new MinuteWindow(startTicks, layout.Channels.Length);
        _open.Insert(position, window);
        return window;
    }

    private void CloseHour(List<AggregateRecord> output)
    {
        var hour = _hour!;
        _hour = null;
        _day ??= new PeriodAccumulator(layout.Calendar.DayStart(hour.StartTicks), WindowCalendar.DayTicks, layout.Channels.Length);
        for (var local = 0; local < layout.Channels.Length; local++)
        {
            var accumulator = hour.Channels[local];
            var record = AggregatePrecision.Round(accumulator.ToRecord(
                layout, layout.Channels[local], AggregatePeriod.Hour, hour.StartTicks, hour.LengthTicks, layout.MinuteRecordsPerHour,
                isValid: accumulator.ValidCount >= layout.RequiredValidMinuteRecords));
            output.Add(record);
            _day.Channels[local].Add(record);
        }

        if (hour.EndTicks >= _day.EndTicks)
        {
            CloseDay(output);
        }
    }

    private void CloseDay(List<AggregateRecord> output)
    {
        var day = _day!;
        _day = null;
        var hoursPerDay = (int)(day.LengthTicks / WindowCalendar.HourTicks);
        for (var local = 0; local < layout.Channels.Length; local++)
        {
            var accumulator = day.Channels[local];
            output.Add(AggregatePrecision.Round(accumulator.ToRecord(
                layout, layout.Channels[local], AggregatePeriod.Day, day.StartTicks, day.LengthTicks, hoursPerDay,
                isValid: accumulator.ValidCount >= layout.RequiredValidHours)));
        }
    }

    private static MinuteWindowSnapshot ToSnapshot(MinuteWindow window) => new()
    {
        StartTicks = window.StartTicks,
        Channels = [.. window.Samples.Select(samples => new SampleSeriesSnapshot
        {
            Ticks = [.. samples.Select(sample => sample.Ticks)],
            Values = [.. samples.Select(sample => sample.Value)],
            Flags = [.. samples.Select(sample => sample.Flag)],
            ShareTicks = [.. samples.Select(sample => sample.ShareTicks)],
        })],
    };

    private static PeriodSnapshot ToSnapshot(PeriodAccumulator period) => new()
    {
        StartTicks = period.StartTicks,
        Channels = [.. period.Channels.Select(channel => new PeriodChannelSnapshot
        {
            FlagCounts = [.. channel.FlagCounts],
            ValidCount = channel.ValidCount,
            AvgSum = channel.AvgSum,
            Min = channel.Min,
            Max = channel.Max,
            ZsCount = channel.ZsCount,
            ZsAvgSum = channel.ZsAvgSum,
            ZsMin = channel.ZsMin,
            ZsMax = channel.ZsMax,
            CouSum = channel.CouSum,
        })],
    };

    private MinuteWindow Restore(MinuteWindowSnapshot snapshot, int channelCount, WindowCalendar calendar)
    {
        Require(snapshot.Channels?.Count == channelCount, "an open window does not match its channels");
        var window = new MinuteWindow(snapshot.StartTicks, channelCount);
        for (var local = 0; local < channelCount; local++)
        {
            var series = snapshot.Channels![local];
            var count = series.Ticks?.Count ?? -1;
            Require(count >= 0 && series.Values?.Count == count && series.Flags?.Count == count && series.ShareTicks?.Count == count, "a sample series has arrays of different lengths");
            for (var i = 0; i < count; i++)
            {
                var ticks = series.Ticks![i];
                Require(calendar.MinuteWindowStart(ticks) == snapshot.StartTicks, "a sample lies outside its window");
                Require(i == 0 || ticks > series.Ticks[i - 1], "a sample series is not in time order");
                Require(series.Flags![i] <= DataFlag.B, "a sample has an unknown flag");
                window.Samples[local].Add(new Sample(ticks, series.Values![i], series.Flags[i], series.ShareTicks![i]));
            }
        }

        return window;
    }

    private PeriodAccumulator Restore(PeriodSnapshot snapshot, Func<long, long> periodStart, long lengthTicks, int channelCount)
    {
        Require(snapshot.StartTicks > 0 && periodStart(snapshot.StartTicks) == snapshot.StartTicks, "an hour or day does not start on its boundary");
        Require(snapshot.Channels?.Count == channelCount, "an hour or day does not match its channels");
        var period = new PeriodAccumulator(snapshot.StartTicks, lengthTicks, channelCount);
        for (var local = 0; local < channelCount; local++)
        {
            var source = snapshot.Channels![local];
            Require(source.FlagCounts?.Count == FlagCounts.FlagCount && source.FlagCounts.All(count => count >= 0), "an hour or day has bad flag counts");
            var target = period.Channels[local];
            source.FlagCounts!.ToArray().CopyTo(target.FlagCounts, 0);
            target.ValidCount = source.ValidCount;
            target.AvgSum = source.AvgSum;
            target.Min = source.Min;
            target.Max = source.Max;
            target.ZsCount = source.ZsCount;
            target.ZsAvgSum = source.ZsAvgSum;
            target.ZsMin = source.ZsMin;
            target.ZsMax = source.ZsMax;
            target.CouSum = source.CouSum;
        }

        return period;
    }

    private void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"snapshot of outlet {layout.Name}: {problem}", "snapshot");
        }
    }
}
