using System.Globalization;
using System.Text.Json;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>
/// Puts the <see cref="AlarmEvaluator"/> behind the aggregation: each batch of closed records is judged, every
/// raise, update and clear becomes an <c>alarm</c> event for the platform (channel, rule, value, limit, window), and
/// the active alarms are saved (alarms.json) before the events are queued, so a restart neither repeats nor loses
/// an episode. An exceedance whose limit names a sampler makes it keep a sample, once per episode (HJ 212 CN 3015).
/// Runs on the consumer thread, where the records close; the sampler answers on another.
/// </summary>
/// <remarks>
/// The request is saved with the alarm before the command goes out. When the sampler does not answer (or is busy) it
/// is asked again, a bounded number of times (<see cref="SampleRetryPolicy"/>), but never once it confirmed a sample,
/// and never after a restart: a request found unanswered then is reported as unknown, because a lost answer may hide
/// a bottle already filled. A refusal is reported, not retried. A sample kept by hand or by the platform meanwhile
/// (<see cref="SampleTaken"/>) settles the episode's request.
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
    private readonly HashSet<(string Key, AlarmRule Rule, DateTimeOffset RaisedAt)> _attempting = [];
    private readonly SampleRetryPolicy _retries;
    private IReadOnlyList<ActiveAlarm> _active;
    private bool _stopped;

    /// <param name="limits">The limits to judge.</param>
    /// <param name="stateFile">alarms.json; null keeps the alarms in memory only.</param>
    /// <param name="announce">Queues an event for the platform.</param>
    /// <param name="retainer">Asks a sampler for a sample; null: no sampler is ever asked.</param>
    /// <param name="time">The field clock.</param>
    /// <param name="retries">How a sample request is retried; <see cref="SampleRetryPolicy.Default"/> when null.</param>
    public AlarmStage(IReadOnlyList<EmissionLimit> limits, AlarmStateFile? stateFile, Action<GatewayEvent> announce, ISampleRetainer? retainer = null, TimeProvider? time = null, SampleRetryPolicy? retries = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(announce);
        _retries = retries ?? SampleRetryPolicy.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_retries.Attempts, nameof(retries));
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

    /// <summary>
    /// A sample was kept outside this stage's own request: a technician's <c>egw analyzer … retainSample</c> or the
    /// platform's retain-sample. Every active exceedance of that sampler still without a confirmed sample (its request
    /// failed, is unknown, or waits for its next attempt) takes it: the alarm shows the bottle, the platform gets a
    /// <c>sampleRetained</c> event, and no further attempt is made for the episode.
    /// </summary>
    /// <param name="device">The sampler.</param>
    /// <param name="outcome">What its command gave; nothing happens unless it was retained.</param>
    /// <param name="by">Who had it kept, e.g. "egw analyzer (user anna)" or "the platform".</param>
    public void SampleTaken(string device, SampleRetentionOutcome outcome, string by)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.Retained)
        {
            return;
        }

        var settled = new List<ActiveAlarm>();
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            foreach (var alarm in _evaluator.Active.Where(alarm => alarm.Sample is { State: not SampleRetentionState.Retained } sample && sample.Device == device && !_attempting.Contains(Id(alarm))))
            {
                var detail = $"kept by {by}: {outcome.Detail}";
                settled.Add(_evaluator.Annotate(alarm, current => current with { Sample = current.Sample! with { State = SampleRetentionState.Retained, VaseNo = outcome.VaseNo, Detail = detail } })!);
            }

            if (settled.Count == 0)
            {
                return;
            }

            _active = _evaluator.Active;
            _stateFile?.Save(_active);
        }

        foreach (var alarm in settled)
        {
            Announce(_time.GetUtcNow(), new AlarmTransition(AlarmChange.SampleRetained, alarm));
        }
    }

    private static (string Key, AlarmRule Rule, DateTimeOffset RaisedAt) Id(ActiveAlarm alarm) => (alarm.Key, alarm.Rule, alarm.RaisedAt);

    // Asks the sampler, again after a failure worth retrying (no answer, busy) up to the policy's attempts, while the
    // episode lasts and no sample is confirmed; the alarm stays "requested" in alarms.json meanwhile, so a restart
    // between two attempts reports it unknown instead of asking again.
    private async Task RetainAsync(ActiveAlarm alarm)
    {
        var request = alarm.Sample!;
        SampleRetention answer;
        var attempt = 0;
        while (true)
        {
            attempt++;
            lock (_gate)
            {
                var current = _evaluator.Active.FirstOrDefault(active => Id(active) == Id(alarm));
                if (_stopped || current?.Sample is not { State: SampleRetentionState.Requested })
                {
                    // Stopping, the episode is over, or a sample was kept meanwhile (SampleTaken): no more attempts.
                    return;
                }

                _attempting.Add(Id(alarm));
            }

            SampleRetentionOutcome? outcome;
            string? notSent = null;
            try
            {
                outcome = await _retainer!.RetainAsync(request.Device, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
            {
                // The bus stopped or its queue was full; either way the command may not have gone out.
                outcome = null;
                notSent = exception.Message;
            }
            finally
            {
                lock (_gate)
                {
                    _attempting.Remove(Id(alarm));
                }
            }

            var again = attempt < _retries.Attempts && !_stopping.IsCancellationRequested && (outcome is null || (!outcome.Retained && outcome.Retryable));
            if (again)
            {
                try
                {
                    await Task.Delay(_retries.Delay, _time, _stopping.Token).ConfigureAwait(false);
                    continue;
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
                {
                    // Stopping: settled below with what the last attempt gave (and left as requested, as stopped).
                }
            }

            var tried = attempt > 1 ? $" (attempt {attempt} of {_retries.Attempts})" : string.Empty;
            answer = outcome is null
                ? request with { State = SampleRetentionState.Unknown, Detail = $"not answered{tried}: {notSent}" }
                : request with { State = outcome.Retained ? SampleRetentionState.Retained : SampleRetentionState.Failed, VaseNo = outcome.VaseNo, Detail = outcome.Detail + tried };
            break;
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
