using System.Globalization;
using System.Text.Json;
using EdgeGateway.Core.Aggregation;
using EdgeGateway.Core.Storage;

namespace EdgeGateway.Core.Alarms;

/// <summary>
/// Puts the <see cref="AlarmEvaluator"/> behind the aggregation: each batch of closed records is judged, every
/// raise, update and clear becomes an <c>alarm</c> event for the platform (channel, rule, value, limit, window), and
/// the active alarms are saved (alarms.json) before the events are queued, so a restart neither repeats nor loses
/// an episode. An exceedance whose limit names a sampler makes it keep a sample, once per episode (HJ 212 CN 3015).
/// Runs on the consumer thread, where the records close; the sampler answers on another.
/// </summary>
/// <remarks>
/// The sample is asked for at most once: the request is saved with the alarm before the command goes out, and a
/// request found unanswered after a restart is reported as unknown rather than sent again, because a lost answer
/// may hide a bottle already filled. A failed one is reported, not retried; the technician can retain one by hand.
/// </remarks>
public sealed class AlarmStage : IClosedRecordHandler, IDisposable
{
    private readonly Lock _gate = new();
    private readonly AlarmEvaluator _evaluator;
    private readonly AlarmStateFile? _stateFile;
    private readonly Action<GatewayEvent> _announce;
    private readonly ISampleRetainer? _retainer;
    private readonly TimeProvider _time;
    private readonly Dictionary<(string Key, LimitQuantity Quantity), string> _samplers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _retentions = [];
    private IReadOnlyList<ActiveAlarm> _active;
    private bool _stopped;

    public AlarmStage(IReadOnlyList<EmissionLimit> limits, AlarmStateFile? stateFile, Action<GatewayEvent> announce, ISampleRetainer? retainer = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(announce);
        _stateFile = stateFile;
        _announce = announce;
        _retainer = retainer;
        _time = time ?? TimeProvider.System;
        foreach (var limit in limits.Where(limit => limit.Sampler is not null))
        {
            _samplers[(limit.Key, limit.Quantity)] = limit.Sampler!;
        }

        var configured = limits.Select(limit => limit.Key).ToHashSet(StringComparer.Ordinal);

        // Alarms of limits no longer configured are dropped at start: nothing could ever clear them.
        _evaluator = new AlarmEvaluator(limits, stateFile?.Load().Where(alarm => configured.Contains(alarm.Key)));
        var unknown = new List<ActiveAlarm>();
        foreach (var alarm in _evaluator.Active.Where(alarm => alarm.Sample?.State == SampleRetentionState.Requested))
        {
            const string why = "the gateway stopped before the sampler answered; not asked again, so that one episode never fills two bottles";
            unknown.Add(_evaluator.Annotate(alarm, current => current with { Sample = current.Sample! with { State = SampleRetentionState.Unknown, Detail = why } })!);
        }

        _active = _evaluator.Active;
        if (unknown.Count > 0)
        {
            _stateFile?.Save(_active);
            foreach (var alarm in unknown)
            {
                Announce(_time.GetUtcNow(), new AlarmTransition(AlarmChange.SampleFailed, alarm));
            }
        }
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

    /// <summary>Completes once every sample asked for so far is answered (or given up); for tests, which must not race the sampler.</summary>
    public Task WhenSamplesAnswered()
    {
        lock (_gate)
        {
            return Task.WhenAll(_retentions);
        }
    }

    /// <summary>Judges closed records; called with every batch the aggregation closes.</summary>
    public void OnClosed(IReadOnlyList<AggregateRecord> closed)
    {
        List<AlarmTransition> transitions;
        var samples = new List<ActiveAlarm>();
        lock (_gate)
        {
            transitions = [.. _evaluator.Evaluate(closed)];
            if (transitions.Count == 0)
            {
                return;
            }

            for (var i = 0; i < transitions.Count; i++)
            {
                var alarm = transitions[i].Alarm;
                if (transitions[i].Change == AlarmChange.Raised && alarm.Rule == AlarmRule.Exceedance && _retainer is not null
                    && _samplers.TryGetValue((alarm.Key, alarm.Quantity), out var device)
                    && _evaluator.Annotate(alarm, current => current with { Sample = new SampleRetention(device, SampleRetentionState.Requested, _time.GetUtcNow()) }) is { } asked)
                {
                    // Saved as requested before the command can go out: a restart in between never sends it twice.
                    transitions[i] = transitions[i] with { Alarm = asked };
                    samples.Add(asked);
                }
            }

            _active = _evaluator.Active;
            _stateFile?.Save(_active);
        }

        foreach (var transition in transitions)
        {
            Announce(transition.Alarm.WindowEnd, transition);
        }

        foreach (var alarm in samples)
        {
            var retention = RetainAsync(alarm);
            lock (_gate)
            {
                _retentions.RemoveAll(task => task.IsCompleted);
                _retentions.Add(retention);
            }
        }
    }

    /// <summary>Stops waiting for samplers; an answer that comes later is not recorded (the gateway is stopping).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>One line for a person, e.g. "exceedance raised on cems.so2: hourly converted average 40 mg/m³ over the limit 35 (08:00-09:00Z)".</summary>
    public static string Describe(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var alarm = transition.Alarm;
        var rule = alarm.Rule == AlarmRule.PreWarning ? "pre-warning" : "exceedance";
        var raised = string.Create(CultureInfo.InvariantCulture, $"{alarm.RaisedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm}Z");
        if (transition.Change is AlarmChange.SampleRetained or AlarmChange.SampleFailed && alarm.Sample is { } sample)
        {
            return transition.Change == AlarmChange.SampleRetained
                ? FormattableString.Invariant($"sample retained by {sample.Device}{(sample.VaseNo is { } vase ? $" in bottle {vase}" : string.Empty)} for the {rule} on {alarm.Key} raised {raised}")
                : $"sample retention {(sample.State == SampleRetentionState.Unknown ? "unknown" : "failed")} on {sample.Device} for the {rule} on {alarm.Key} raised {raised}: {sample.Detail}";
        }

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
        var asked = transition.Change == AlarmChange.Raised && alarm.Sample is { } requested ? $"; sample asked of {requested.Device}" : string.Empty;
        return FormattableString.Invariant($"{rule} {change} on {alarm.Key}: {quantity} {alarm.Value:0.###} {relation} {threshold}, {window}{asked}");
    }

    private async Task RetainAsync(ActiveAlarm alarm)
    {
        var request = alarm.Sample!;
        SampleRetention answer;
        try
        {
            var outcome = await _retainer!.RetainAsync(request.Device, _stopping.Token).ConfigureAwait(false);
            answer = request with { State = outcome.Retained ? SampleRetentionState.Retained : SampleRetentionState.Failed, VaseNo = outcome.VaseNo, Detail = outcome.Detail };
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The bus stopped or its queue was full; either way the command may not have gone out.
            answer = request with { State = SampleRetentionState.Unknown, Detail = "not answered: " + exception.Message };
        }

        ActiveAlarm settled;
        lock (_gate)
        {
            if (_stopped)
            {
                // Left as requested in alarms.json: the next start reports it unknown, as after a kill.
                return;
            }

            // The episode may have cleared meanwhile; the answer is still news for the platform.
            settled = _evaluator.Annotate(alarm, current => current with { Sample = answer }) ?? alarm with { Sample = answer };
            _active = _evaluator.Active;
            _stateFile?.Save(_active);
        }

        Announce(_time.GetUtcNow(), new AlarmTransition(answer.State == SampleRetentionState.Retained ? AlarmChange.SampleRetained : AlarmChange.SampleFailed, settled));
    }

    private void Announce(DateTimeOffset at, AlarmTransition transition) =>
        _announce(new GatewayEvent(at, GatewayEventKind.Alarm, transition.Alarm.Key, Describe(transition), JsonSerializer.Serialize(transition, AlarmJsonContext.Default.AlarmTransition)));
}
