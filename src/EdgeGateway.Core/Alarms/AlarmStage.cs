using System.Globalization;
using System.Text.Json;
using EdgeGateway.Core.Aggregation;
using EdgeGateway.Core.Storage;

namespace EdgeGateway.Core.Alarms;

/// <summary>
/// Puts the <see cref="AlarmEvaluator"/> behind the aggregation: each batch of closed records is judged, every
/// raise, update and clear becomes an <c>alarm</c> event for the platform (channel, rule, value, limit, window), and
/// the active alarms are saved (alarms.json) before the events are queued, so a restart neither repeats nor loses
/// an episode. Runs on the consumer thread, where the records close.
/// </summary>
public sealed class AlarmStage
{
    private readonly Lock _gate = new();
    private readonly AlarmEvaluator _evaluator;
    private readonly AlarmStateFile? _stateFile;
    private readonly Action<GatewayEvent> _announce;
    private IReadOnlyList<ActiveAlarm> _active;

    public AlarmStage(IReadOnlyList<EmissionLimit> limits, AlarmStateFile? stateFile, Action<GatewayEvent> announce)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(announce);
        _stateFile = stateFile;
        _announce = announce;
        var configured = limits.Select(limit => limit.Key).ToHashSet(StringComparer.Ordinal);

        // Alarms of limits no longer configured are dropped at start: nothing could ever clear them.
        _evaluator = new AlarmEvaluator(limits, stateFile?.Load().Where(alarm => configured.Contains(alarm.Key)));
        _active = _evaluator.Active;
    }

    /// <summary>The active alarms, oldest first; safe from any thread.</summary>
    public IReadOnlyList<ActiveAlarm> Active
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <summary>Judges closed records; called with every batch the aggregation closes.</summary>
    public void OnClosed(IReadOnlyList<AggregateRecord> closed)
    {
        var transitions = _evaluator.Evaluate(closed);
        if (transitions.Count == 0)
        {
            return;
        }

        var active = _evaluator.Active;
        _stateFile?.Save(active);
        lock (_gate)
        {
            _active = active;
        }

        foreach (var transition in transitions)
        {
            _announce(new GatewayEvent(transition.Alarm.WindowEnd, GatewayEventKind.Alarm, transition.Alarm.Key, Describe(transition), JsonSerializer.Serialize(transition, AlarmJsonContext.Default.AlarmTransition)));
        }
    }

    /// <summary>One line for a person, e.g. "exceedance raised on cems.so2: hourly converted average 40 mg/m³ over the limit 35 (08:00-09:00Z)".</summary>
    public static string Describe(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var alarm = transition.Alarm;
        var rule = alarm.Rule == AlarmRule.PreWarning ? "pre-warning" : "exceedance";
        var change = transition.Change switch { AlarmChange.Raised => "raised", AlarmChange.Updated => "updated", _ => "cleared" };
        var quantity = alarm.Rule == AlarmRule.PreWarning ? "rolling average" : alarm.Quantity switch
        {
            LimitQuantity.RealTime => "minute average",
            LimitQuantity.RealTimeConverted => "converted minute average",
            LimitQuantity.HourlyAverage => "hourly average",
            LimitQuantity.HourlyConverted => "hourly converted average",
            _ => "daily average",
        };
        var relation = transition.Change == AlarmChange.Cleared ? "back under" : "over";
        var threshold = alarm.Rule == AlarmRule.PreWarning
            ? FormattableString.Invariant($"{alarm.Threshold:0.###} ({alarm.Threshold / alarm.Limit:0%} of the limit {alarm.Limit:0.###})")
            : FormattableString.Invariant($"the limit {alarm.Limit:0.###}");
        var window = string.Create(CultureInfo.InvariantCulture, $"{alarm.WindowStart.UtcDateTime:yyyy-MM-dd'T'HH:mm}Z..{alarm.WindowEnd.UtcDateTime:HH:mm}Z");
        return FormattableString.Invariant($"{rule} {change} on {alarm.Key}: {quantity} {alarm.Value:0.###} {relation} {threshold}, {window}");
    }
}
