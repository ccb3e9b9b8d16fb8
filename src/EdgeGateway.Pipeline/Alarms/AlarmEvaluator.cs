using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>
/// Watches emission limits on the aggregate records as their windows close: a pre-warning when the rolling average of
/// valid minute values passes a fraction of the limit, an exceedance when a valid period average (minute, hour or day,
/// as the limit's quantity says) passes the limit; each clears only below its threshold less the hysteresis.
/// </summary>
/// <remarks>
/// Only valid records count (docs/data-quality.md: a record is valid when enough of its samples are N or S), so an
/// alarm never rests on data flagged C, M, D, B or F, and an invalid record neither raises nor clears one. Active
/// alarms are given to the constructor (restored after a restart), so an episode that spans a restart is not raised
/// twice. Runs on the consumer thread: not thread-safe, and needs not be.
/// </remarks>
public sealed class AlarmEvaluator
{
    private readonly Dictionary<int, List<EmissionLimit>> _limitsByChannel = [];
    private readonly Dictionary<EmissionLimit, List<(DateTimeOffset End, double Value)>> _windows = [];
    private readonly Dictionary<(string Key, AlarmRule Rule, LimitQuantity Quantity), ActiveAlarm> _active = [];

    public AlarmEvaluator(IEnumerable<EmissionLimit> limits, IEnumerable<ActiveAlarm>? restored = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var limit in limits)
        {
            if (!_limitsByChannel.TryGetValue(limit.Channel, out var list))
            {
                _limitsByChannel[limit.Channel] = list = [];
            }

            list.Add(limit);
            _windows[limit] = [];
        }

        foreach (var alarm in restored ?? [])
        {
            _active[(alarm.Key, alarm.Rule, alarm.Quantity)] = alarm;
        }
    }

    /// <summary>The active alarms, oldest first.</summary>
    public IReadOnlyList<ActiveAlarm> Active => [.. _active.Values.OrderBy(alarm => alarm.RaisedAt)];

    /// <summary>
    /// Changes an active alarm of the same episode (same rule, channel, quantity and raising) in place, e.g. to record
    /// its sample; returns the changed alarm, or null when that episode has ended.
    /// </summary>
    public ActiveAlarm? Annotate(ActiveAlarm alarm, Func<ActiveAlarm, ActiveAlarm> change)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(change);
        var id = (alarm.Key, alarm.Rule, alarm.Quantity);
        if (!_active.TryGetValue(id, out var current) || current.RaisedAt != alarm.RaisedAt)
        {
            return null;
        }

        var changed = change(current);
        _active[id] = changed;
        return changed;
    }

    /// <summary>Evaluates closed records (any periods, any channels); returns what changed, in order.</summary>
    public IReadOnlyList<AlarmTransition> Evaluate(IReadOnlyList<AggregateRecord> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var transitions = new List<AlarmTransition>();
        foreach (var record in closed)
        {
            if (!_limitsByChannel.TryGetValue(record.Channel, out var limits))
            {
                continue;
            }

            foreach (var limit in limits)
            {
                if (record.Period == AggregatePeriod.Minute && limit.PreWarningThreshold is { } threshold)
                {
                    PreWarning(limit, threshold, record, transitions);
                }

                if (record.Period == PeriodOf(limit.Quantity) && record.IsValid && ValueOf(limit, record) is { } value)
                {
                    Judge(limit, AlarmRule.Exceedance, limit.Limit, value, record.StartUtc, record.EndUtc, transitions);
                }
            }
        }

        return transitions;
    }

    // The rolling window keeps valid minute values whose window ended within PreWarningWindow of this one's end; it
    // is judged only when it holds at least half the minutes it could, so one valid minute after an outage does not
    // decide alone.
    private void PreWarning(EmissionLimit limit, double threshold, AggregateRecord record, List<AlarmTransition> transitions)
    {
        var window = _windows[limit];
        window.RemoveAll(entry => entry.End <= record.EndUtc - limit.PreWarningWindow);
        if (!record.IsValid || ValueOf(limit, record) is not { } value)
        {
            return;
        }

        window.Add((record.EndUtc, value));
        var possible = Math.Max(1, (int)(limit.PreWarningWindow / record.Length));
        if (window.Count * 2 < possible)
        {
            return;
        }

        var average = window.Average(entry => entry.Value);
        Judge(limit, AlarmRule.PreWarning, threshold, average, record.EndUtc - limit.PreWarningWindow, record.EndUtc, transitions);
    }

    private void Judge(EmissionLimit limit, AlarmRule rule, double threshold, double value, DateTimeOffset windowStart, DateTimeOffset windowEnd, List<AlarmTransition> transitions)
    {
        var id = (limit.Key, rule, limit.Quantity);
        var active = _active.TryGetValue(id, out var alarm);
        if (value > threshold)
        {
            if (!active)
            {
                alarm = new ActiveAlarm(limit.Key, rule, limit.Quantity, limit.Limit, threshold, windowEnd, value, value, windowStart, windowEnd);
                _active[id] = alarm;
                transitions.Add(new AlarmTransition(AlarmChange.Raised, alarm));
                return;
            }

            var updated = alarm! with { Value = value, Peak = Math.Max(alarm.Peak, value), WindowStart = windowStart, WindowEnd = windowEnd };
            _active[id] = updated;
            if (value > alarm.Peak)
            {
                // Only a new peak is news for the platform; the same episode going on is not.
                transitions.Add(new AlarmTransition(AlarmChange.Updated, updated));
            }

            return;
        }

        if (active && value < threshold * (1 - limit.Hysteresis))
        {
            _active.Remove(id);
            transitions.Add(new AlarmTransition(AlarmChange.Cleared, alarm! with { Value = value, WindowStart = windowStart, WindowEnd = windowEnd }));
        }
    }

    private static AggregatePeriod PeriodOf(LimitQuantity quantity) => quantity switch
    {
        LimitQuantity.RealTime or LimitQuantity.RealTimeConverted => AggregatePeriod.Minute,
        LimitQuantity.HourlyAverage or LimitQuantity.HourlyConverted => AggregatePeriod.Hour,
        _ => AggregatePeriod.Day,
    };

    // Converted limits compare the converted average; a daily limit takes it when the channel has one. NaN: no value.
    private static double? ValueOf(EmissionLimit limit, AggregateRecord record)
    {
        var value = limit.IsConverted || (limit.Quantity == LimitQuantity.DailyAverage && double.IsFinite(record.ZsAvg)) ? record.ZsAvg : record.Avg;
        return double.IsFinite(value) ? value : null;
    }
}
