using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Calibration;
using EdgeGateway.Pipeline;
using EdgeGateway.Primitives.Events;

namespace EdgeGateway.Control.Calibration;

/// <summary>
/// The two-point calibration procedure of <c>egw calibrate</c>: measure a zero and a span point against references
/// (the channel flagged C meanwhile), compute gain and offset, apply them after the technician saw before and after,
/// revert. Every stored point and every change goes to the audit trail before it is confirmed and becomes a
/// <c>calibration</c> event for the platform.
/// </summary>
/// <remarks>
/// A measurement runs in the background, so a dropped SSH session does not lose it; <c>egw</c> follows it with
/// <see cref="Progress"/>. It samples <see cref="LatestReadings"/> (each new reading once) rather than hooking the
/// pipeline: calibration is rare and slow, the pipeline is neither.
/// </remarks>
public sealed class Calibrator : IAsyncDisposable
{
    // The shortest poll interval a device may have (gateway.json), so a measurement takes every reading.
    private static readonly TimeSpan SamplingPeriod = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly ChannelTable _channels;
    private readonly CalibrationBook _book;
    private readonly LatestReadings _latest;
    private readonly AuditTrail _audit;
    private readonly Action<GatewayEvent> _announce;
    private readonly TimeProvider _time;
    private readonly Func<string, TimeSpan?> _pollIntervalOf;
    private readonly Dictionary<string, CalibrationRun> _runs = new(StringComparer.Ordinal);
    private readonly List<Task> _loops = [];

    /// <param name="pollIntervalOf">A device's poll interval by its name, to refuse an averaging too short for enough readings; null when unknown.</param>
    public Calibrator(ChannelTable channels, CalibrationBook book, LatestReadings latest, AuditTrail audit, Action<GatewayEvent> announce, CalibrationLimits? limits = null, TimeProvider? time = null, Func<string, TimeSpan?>? pollIntervalOf = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(announce);
        _channels = channels;
        _book = book;
        _latest = latest;
        _audit = audit;
        _announce = announce;
        Limits = limits ?? new CalibrationLimits();
        _time = time ?? TimeProvider.System;
        _pollIntervalOf = pollIntervalOf ?? (_ => null);
    }

    public CalibrationLimits Limits { get; }

    /// <summary>Starts a zero or span measurement and opens the channel's calibration window.</summary>
    public bool TryStart(string channel, string kind, double reference, TimeSpan settle, TimeSpan average, ControlCaller caller, out CalibrationRunStatus? status, out string? error)
    {
        status = null;
        if (!TryFind(channel, out var definition, out error))
        {
            return false;
        }

        if (kind is not ("zero" or "span"))
        {
            error = "the point is zero or span";
            return false;
        }

        if (!double.IsFinite(reference))
        {
            error = "the reference is not a number";
            return false;
        }

        if (settle < TimeSpan.Zero || settle > Limits.MaxPhase || average <= TimeSpan.Zero || average > Limits.MaxPhase)
        {
            error = $"settle is 0 to {Limits.MaxPhase.TotalMinutes:0} minutes and average more than 0 and at most {Limits.MaxPhase.TotalMinutes:0} minutes";
            return false;
        }

        if (_pollIntervalOf(definition.Device) is { } interval && average < interval * Limits.MinSamples)
        {
            error = $"average at least {(interval * Limits.MinSamples).TotalSeconds:0.#} s: {definition.Device} is polled every {interval.TotalSeconds:0.#} s and a point needs {Limits.MinSamples} readings (30 s or more gives a steadier mean)";
            return false;
        }

        var now = _time.GetUtcNow();
        CalibrationRun run;
        lock (_gate)
        {
            if (_runs.TryGetValue(definition.Key, out var open) && !open.IsFinished)
            {
                error = $"a {open.Kind} measurement is already running on {definition.Key} (since {Timestamp(open.StartedAt)}); follow it with 'egw calibrate {definition.Key} progress' or stop it with 'egw calibrate {definition.Key} cancel'";
                return false;
            }

            run = new CalibrationRun(definition, kind, reference, settle, average, now, caller, _book.Get(definition.Key));
            var windowEnd = run.Ends + Limits.Hold;
            _book.Update(definition.Key, entry => entry with { WindowUntil = entry.WindowUntil > windowEnd ? entry.WindowUntil : windowEnd });
            _runs[definition.Key] = run;
            _loops.RemoveAll(loop => loop.IsCompleted);
            _loops.Add(Task.Factory.StartNew(() => Measure(run), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }

        Announce(now, definition.Key, $"{kind} calibration started on {definition.Key} by {UserNames.Of(caller.UserId)}: reference {Number(reference)} {definition.Unit}, settle {settle.TotalSeconds:0} s, average {average.TotalSeconds:0} s");
        status = run.Status();
        error = null;
        return true;
    }

    /// <summary>The running measurement on a channel, or the last one's outcome; null if there was none since the start.</summary>
    public CalibrationRunStatus? Progress(string channel)
    {
        lock (_gate)
        {
            return _runs.TryGetValue(channel, out var run) ? run.Status() : null;
        }
    }

    /// <summary>Stops a running measurement, drops the points measured since the last apply and ends the window.</summary>
    public bool TryCancel(string channel, ControlCaller caller, string? reason, out CalibrationView? view, out string? error)
    {
        view = null;
        if (!TryFind(channel, out var definition, out error))
        {
            return false;
        }

        lock (_gate)
        {
            if (_runs.TryGetValue(definition.Key, out var run) && !run.IsFinished)
            {
                run.Cancellation.Cancel();
                run.Complete("cancelled", null, "cancelled by " + UserNames.Of(caller.UserId), _time.GetUtcNow());
            }
        }

        var now = _time.GetUtcNow();
        var (before, _) = _book.Update(definition.Key, entry => entry with { Zero = null, Span = null, WindowUntil = null });
        var user = UserNames.Of(caller.UserId);
        _audit.Append(new AuditEntry(now, caller.UserId, user, "calibrate-cancel", $"channel {definition.Key}", reason, Describe(before), "no points, no calibration window"));
        Announce(now, definition.Key, $"calibration of {definition.Key} cancelled by {user}" + (string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason}"));
        view = Show(definition.Key)[0];
        return true;
    }

    /// <summary>What <see cref="TryApply"/> would do with the points measured since the last apply.</summary>
    public bool TryPreview(string channel, out CalibrationProposal? proposal, out string? error)
    {
        proposal = null;
        if (!TryFind(channel, out var definition, out error))
        {
            return false;
        }

        var entry = _book.Get(definition.Key);
        if (entry.Zero is null || entry.Span is null)
        {
            error = entry.Zero is null && entry.Span is null
                ? $"{definition.Key} has no zero and span points since its last apply; measure them with 'egw calibrate {definition.Key} zero|span --reference VALUE'"
                : entry.Zero is null
                    ? $"{definition.Key} has a span point but no zero point since its last apply; measure it with 'egw calibrate {definition.Key} zero --reference VALUE'"
                    : $"{definition.Key} has a zero point but no span point since its last apply; measure it with 'egw calibrate {definition.Key} span --reference VALUE'";
            return false;
        }

        if (!Pipeline.Calibration.CalibrationCoefficients.TryCompute(new(entry.Zero.Reference, entry.Zero.Measured), new(entry.Span.Reference, entry.Span.Measured), _time.GetUtcNow(), Limits.MinGain, Limits.MaxGain, out var coefficients, out error))
        {
            error = $"{definition.Key}: {error}";
            return false;
        }

        double? before = null;
        double? after = null;
        if (_latest.TryGet(definition.Index, out var reading) && double.IsFinite(reading.Value))
        {
            before = reading.Value;
            after = coefficients!.Apply((reading.Value - entry.Offset) / entry.Gain);
        }

        proposal = new CalibrationProposal(definition.Key, definition.Unit, entry.Zero, entry.Span, entry.Gain, entry.Offset, coefficients!.Gain, coefficients.Offset, before, after);
        return true;
    }

    /// <summary>
    /// Computes and applies gain and offset from the zero and span points, and ends the calibration window.
    /// <paramref name="confirmedZeroAt"/> and <paramref name="confirmedSpanAt"/>, when given, must name the points the
    /// technician was shown, so a point measured in between (another session) is never applied unseen.
    /// </summary>
    public bool TryApply(string channel, ControlCaller caller, DateTimeOffset? confirmedZeroAt, DateTimeOffset? confirmedSpanAt, string? reason, out CalibrationChange? change, out string? error)
    {
        change = null;
        if (!TryFind(channel, out var definition, out error))
        {
            return false;
        }

        lock (_gate)
        {
            if (_runs.TryGetValue(definition.Key, out var run) && !run.IsFinished)
            {
                error = $"a {run.Kind} measurement is still running on {definition.Key}; wait for it or cancel it";
                return false;
            }

            if (!TryPreview(definition.Key, out var proposal, out error))
            {
                return false;
            }

            if ((confirmedZeroAt is { } zeroAt && zeroAt != proposal!.Zero.At) || (confirmedSpanAt is { } spanAt && spanAt != proposal!.Span.At))
            {
                error = $"the points of {definition.Key} changed since they were shown; look at them again ('egw calibrate {definition.Key} apply' shows them)";
                return false;
            }

            var now = _time.GetUtcNow();
            var user = UserNames.Of(caller.UserId);
            var applied = new CalibrationChange(CalibrationChange.Applied, now, caller.UserId, user, proposal!.GainBefore, proposal.OffsetBefore, proposal.Gain, proposal.Offset, proposal.Zero, proposal.Span);
            Record(definition, applied, caller, reason, $"gain {Number(applied.GainBefore)}, offset {Number(applied.OffsetBefore)}", $"gain {Number(applied.Gain)}, offset {Number(applied.Offset)} from zero {proposal.Zero} and span {proposal.Span}");
            change = applied;
            return true;
        }
    }

    /// <summary>Puts back the coefficients that were in force before the last change (a second revert undoes the first).</summary>
    public bool TryRevert(string channel, ControlCaller caller, string? reason, out CalibrationChange? change, out string? error)
    {
        change = null;
        if (!TryFind(channel, out var definition, out error))
        {
            return false;
        }

        lock (_gate)
        {
            if (_runs.TryGetValue(definition.Key, out var run) && !run.IsFinished)
            {
                error = $"a {run.Kind} measurement is running on {definition.Key}; cancel it first";
                return false;
            }

            var entry = _book.Get(definition.Key);
            if (entry.History.Count == 0)
            {
                error = $"{definition.Key} was never calibrated here: there is nothing to revert";
                return false;
            }

            var last = entry.History[^1];
            var now = _time.GetUtcNow();
            var reverted = new CalibrationChange(CalibrationChange.Reverted, now, caller.UserId, UserNames.Of(caller.UserId), entry.Gain, entry.Offset, last.GainBefore, last.OffsetBefore);
            Record(definition, reverted, caller, reason, $"gain {Number(entry.Gain)}, offset {Number(entry.Offset)}", $"gain {Number(reverted.Gain)}, offset {Number(reverted.Offset)} (in force before {Timestamp(last.At)})");
            change = reverted;
            return true;
        }
    }

    /// <summary>One channel's calibration, or every channel's when <paramref name="channel"/> is null.</summary>
    public IReadOnlyList<CalibrationView> Show(string? channel = null)
    {
        var entries = channel is null ? _book.All() : [_book.Get(channel)];
        return [.. entries.Select(entry =>
        {
            _channels.TryFind(entry.Channel, out var definition);
            var last = entry.History.LastOrDefault();
            return new CalibrationView(entry.Channel, definition?.Unit ?? string.Empty, entry.Gain, entry.Offset, last?.At, last?.User, entry.Zero, entry.Span, entry.WindowUntil > _time.GetUtcNow() ? entry.WindowUntil : null, Progress(entry.Channel));
        })];
    }

    /// <summary>A channel's changes, newest first.</summary>
    public bool TryHistory(string channel, out IReadOnlyList<CalibrationChange> history, out string? error)
    {
        history = [];
        if (!TryFind(channel, out var definition, out error))
        {
            return false;
        }

        history = [.. _book.Get(definition.Key).History.Reverse()];
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Task[] loops;
        lock (_gate)
        {
            foreach (var run in _runs.Values.Where(run => !run.IsFinished))
            {
                run.Cancellation.Cancel();
            }

            loops = [.. _loops];
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    // On its own thread (a long-running task), not the thread pool: its sampling must keep its pace when the pool is
    // busy, or readings are missed and the point fails for too few of them.
    private void Measure(CalibrationRun run)
    {
        var cancelled = run.Cancellation.Token.WaitHandle;
        while (true)
        {
            var now = _time.GetUtcNow();
            if (_latest.TryGet(run.Channel.Index, out var reading))
            {
                run.Offer(reading, now);
            }

            if (now >= run.Ends + Limits.LateReadingGrace)
            {
                break;
            }

            if (cancelled.WaitOne(SamplingPeriod))
            {
                // Cancelled by the technician or the service's stop: TryCancel or DisposeAsync already said so.
                run.Complete("cancelled", null, "cancelled", _time.GetUtcNow());
                return;
            }
        }

        Conclude(run);
    }

    private void Conclude(CalibrationRun run)
    {
        var now = _time.GetUtcNow();
        var key = run.Channel.Key;
        var user = UserNames.Of(run.Caller.UserId);
        lock (_gate)
        {
            if (run.Cancellation.IsCancellationRequested)
            {
                return;
            }

            var point = run.Finish(now, Limits.MinSamples, out var error);
            if (point is null)
            {
                run.Complete("failed", null, error, now);
                _audit.Append(new AuditEntry(now, run.Caller.UserId, user, $"calibrate-{run.Kind}", $"channel {key}", null, null, "failed: " + error));
                Announce(now, key, $"{run.Kind} calibration of {key} failed: {error}");
                return;
            }

            var windowEnd = now + Limits.Hold;
            var (before, _) = _book.Update(key, entry => run.Kind == "zero"
                ? entry with { Zero = point, WindowUntil = windowEnd }
                : entry with { Span = point, WindowUntil = windowEnd });
            var previous = run.Kind == "zero" ? before.Zero : before.Span;
            _audit.Append(new AuditEntry(now, run.Caller.UserId, user, $"calibrate-{run.Kind}", $"channel {key}", null, previous?.ToString() ?? "none", point.ToString()));
            run.Complete("done", point, null, now);
            Announce(now, key, FormattableString.Invariant($"{run.Kind} point of {key} stored by {user}: reference {Number(point.Reference)} {run.Channel.Unit}, read {Number(point.Measured)} (n={point.Samples}, sd {Number(point.StandardDeviation)})"));
        }
    }

    // Writes the change (book first: if the disk refuses, nothing is confirmed), then the audit trail, then the event.
    private void Record(ChannelDefinition definition, CalibrationChange change, ControlCaller caller, string? reason, string before, string after)
    {
        _book.Update(definition.Key, entry => entry with
        {
            Gain = change.Gain,
            Offset = change.Offset,
            Zero = null,
            Span = null,
            WindowUntil = null,
            History = [.. entry.History.TakeLast(Limits.HistoryLength - 1), change],
        });
        _audit.Append(new AuditEntry(change.At, caller.UserId, change.User, $"calibrate-{change.Action}", $"channel {definition.Key}", reason, before, after));
        var detail = JsonSerializer.Serialize(change, CalibrationJsonContext.Default.CalibrationChange);
        var verb = change.Action == CalibrationChange.Applied ? "calibration applied to" : "calibration reverted on";
        Announce(change.At, definition.Key, $"{verb} {definition.Key} by {change.User}: gain {Number(change.GainBefore)} → {Number(change.Gain)}, offset {Number(change.OffsetBefore)} → {Number(change.Offset)}", detail);
    }

    private bool TryFind(string channel, out ChannelDefinition definition, out string? error)
    {
        if (_channels.TryFind(channel, out definition))
        {
            error = null;
            return true;
        }

        error = _channels.NoSuchChannel(channel);
        return false;
    }

    private void Announce(DateTimeOffset at, string channel, string text, string? detail = null) =>
        _announce(new GatewayEvent(at, GatewayEventKind.Calibration, channel, text, detail));

    private static string Describe(ChannelCalibration entry) =>
        $"gain {Number(entry.Gain)}, offset {Number(entry.Offset)}; zero point: {entry.Zero?.ToString() ?? "none"}; span point: {entry.Span?.ToString() ?? "none"}; window until {(entry.WindowUntil is { } until ? Timestamp(until) : "none")}";

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
