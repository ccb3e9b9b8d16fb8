using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Windows;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.Hosting;

/// <summary>
/// The technician's control commands beyond status: the latest readings, the outbox and a re-send of a range,
/// maintenance windows, and the audit trail. Each change is written to the audit trail (who, from the kernel's peer
/// credentials) before it is confirmed; maintenance is also announced to the platform as an event.
/// </summary>
internal sealed class TechnicianCommands(GatewayRuntime runtime, TimeProvider time)
{
    /// <summary>A maintenance window without <c>forSeconds</c> ends after this.</summary>
    public static readonly TimeSpan DefaultMaintenance = TimeSpan.FromHours(2);

    public ControlResponse Maintenance(ControlRequest request, ControlCaller caller)
    {
        var args = request.Args;
        var action = ControlArgs.Text(args, "action");
        var device = ControlArgs.Text(args, "device");
        var channel = ControlArgs.Text(args, "channel");
        var reason = ControlArgs.Text(args, "reason");
        if (action is not ("start" or "stop"))
        {
            return ControlResponse.InvalidArgument(request, "action is start or stop");
        }

        if (!OnBehalfOf.TryRead(args, out var onBehalfOf, out var onBehalfOfError))
        {
            return ControlResponse.InvalidArgument(request, onBehalfOfError);
        }

        if (!runtime.Maintenance.TrySelect(device, channel, out var selected, out var error))
        {
            return ControlResponse.InvalidArgument(request, error ?? "nothing selected");
        }

        var now = time.GetUtcNow();
        var target = device is not null ? $"device {device}" : $"channel {channel}";
        var user = UserNames.Of(caller.UserId);
        var who = OnBehalfOf.Describe(user, onBehalfOf);
        DateTimeOffset? until = null;
        IReadOnlyList<DateTimeOffset?> previous;
        if (action == "start")
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return ControlResponse.InvalidArgument(request, "a reason is required: it goes to the audit trail and the platform");
            }

            var duration = DefaultMaintenance;
            if (args is { } present && present.TryGetProperty("forSeconds", out var seconds))
            {
                if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetDouble(out var value) || value <= 0 || value > MaintenanceWindows.MaxDuration.TotalSeconds)
                {
                    return ControlResponse.InvalidArgument(request, $"forSeconds is a number of seconds from 1 to {MaintenanceWindows.MaxDuration.TotalSeconds:0}");
                }

                duration = TimeSpan.FromSeconds(value);
            }

            until = now + duration;
            previous = runtime.Maintenance.Start(selected, until.Value, reason, who);
        }
        else
        {
            previous = runtime.Maintenance.Stop(selected);
            if (!previous.Any(end => end > now))
            {
                // Nothing ended: no audit line, and no "maintenance ended" to the platform for a window that was not open.
                return ControlResponse.Failure(request.Id, CommandErrorCodes.NotFound, $"no maintenance window is open on {target}: nothing to end (egw status shows the open ones)");
            }
        }

        var before = string.Join(", ", previous.Select(end => end > now ? $"maintenance until {Timestamp(end.Value)}" : "none").Distinct());
        var after = until is null ? "none" : $"maintenance until {Timestamp(until.Value)}";
        runtime.Audit.Append(new AuditEntry(now, caller.UserId, user, "maintenance-" + action, target, reason, before, after, onBehalfOf));
        var text = action == "start"
            ? $"maintenance started on {target} by {who} until {Timestamp(until!.Value)}: {reason}"
            : $"maintenance ended on {target} by {who}" + (string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason}");
        List<string> keys = [.. selected.Select(definition => definition.Key)];
        var detail = JsonSerializer.Serialize(new MaintenanceEventDetail(action, target, keys, until, reason, user, onBehalfOf), ControlJsonContext.Default.MaintenanceEventDetail);
        runtime.Appender.EnqueueEvent(new GatewayEvent(now, GatewayEventKind.Maintenance, device ?? channel!, text, detail));
        var result = new MaintenanceResult(action, target, keys, until, reason);
        return ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(result, ControlJsonContext.Default.MaintenanceResult));
    }

    /// <summary>
    /// What flags readings M or C now: the open maintenance windows (with how each began) and the channels in a
    /// calibration window (with the zero or span point measured, when it is a calibration run's).
    /// </summary>
    public ControlResponse Windows(ControlRequest request)
    {
        var maintenance = runtime.Maintenance.Windows(time.GetUtcNow());
        List<OpenCalibrationWindow> calibration = [.. runtime.Calibrator.Show()
            .Where(view => view.WindowUntil is not null)
            .Select(view =>
            {
                // A run's window stays open from its start until apply or cancel; an analyzer's own routine opens one
                // without a run (the last run, if any, was applied or cancelled and its points dropped).
                var run = view.Run is { } last && (!last.IsFinished || view.Zero is not null || view.Span is not null) ? last : null;
                return new OpenCalibrationWindow(view.Channel, run?.Kind, run?.StartedAt, view.WindowUntil!.Value);
            })];
        var result = new WindowsResult(maintenance, calibration);
        return ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(result, ControlJsonContext.Default.WindowsResult));
    }

    /// <summary>The latest reading of every channel, or of one device's or one channel's.</summary>
    public ControlResponse Latest(ControlRequest request)
    {
        var device = ControlArgs.Text(request.Args, "device");
        var channel = ControlArgs.Text(request.Args, "channel");
        var selected = runtime.Settings.Channels.Channels;
        if (device is not null || channel is not null)
        {
            if (!runtime.Maintenance.TrySelect(device, channel, out selected, out var error))
            {
                return ControlResponse.InvalidArgument(request, error ?? "nothing selected");
            }
        }

        var values = new List<ChannelValue>(selected.Count);
        foreach (var definition in selected)
        {
            values.Add(runtime.Latest.TryGet(definition.Index, out var reading)
                ? new ChannelValue(definition.Key, definition.Code, definition.Unit, reading.Timestamp, double.IsFinite(reading.Value) ? reading.Value : null, double.IsFinite(reading.Raw) ? reading.Raw : null, reading.Flag.ToString(), JsonNamingPolicy.CamelCase.ConvertName(reading.Reason.ToString()))
                : new ChannelValue(definition.Key, definition.Code, definition.Unit, null, null, null, null, null));
        }

        return ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(values, ControlJsonContext.Default.ListChannelValue));
    }

    public ControlResponse Outbox(ControlRequest request)
    {
        var outbox = runtime.Outbox;
        var statistics = outbox.Statistics;
        var backlog = outbox.GetBacklog(OutboxDestinations.Mqtt);
        var published = runtime.Publisher.Statistics;
        var status = new OutboxStatus(
            outbox.StoreId,
            outbox.Path,
            outbox.LastSequence,
            outbox.DurableSequence,
            outbox.AcknowledgedPrefix,
            backlog.UnacknowledgedCount,
            backlog.OldestSequence,
            backlog.OldestTimestamp,
            outbox.MeasureUsedBytes(),
            runtime.Settings.Outbox.MaxBytes,
            statistics.RetentionDeleted,
            statistics.EvictedAcknowledged,
            statistics.EvictedUnacknowledged,
            statistics.FailedAppends,
            statistics.LastFailure ?? outbox.OpenProblem,
            published.MessagesAcknowledged,
            published.MessagesFailed,
            published.InFlight);
        return ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(status, ControlJsonContext.Default.OutboxStatus));
    }

    /// <summary>
    /// Re-sends stored records of a time range to the platform: the platform's own <c>history</c> command, given
    /// locally (same selection, pacing, original sequence numbers and <c>"resent":true</c>), and audited.
    /// </summary>
    public ControlResponse Resend(ControlRequest request, ControlCaller caller, CancellationToken stopping)
    {
        if (runtime.Commands is null)
        {
            return ControlResponse.Failure(request.Id, CommandErrorCodes.Failed, "re-sending needs the uplink's commands (uplink.commands.enabled is false)");
        }

        var period = ControlArgs.Text(request.Args, "period") ?? "realtime";
        var begin = ControlArgs.Text(request.Args, "begin");
        var end = ControlArgs.Text(request.Args, "end");
        if (begin is null || end is null)
        {
            return ControlResponse.InvalidArgument(request, "begin and end (ISO 8601) are required");
        }

        if (!runtime.Commands.TryStartHistory(new HistoryRequest { Period = period, Begin = begin, End = end }, stopping, out var result, out var error))
        {
            return ControlResponse.InvalidArgument(request, error.Message);
        }

        var summary = JsonSerializer.SerializeToElement(result, PlatformCommandJsonContext.Default.HistoryResult);
        runtime.Audit.Append(new AuditEntry(time.GetUtcNow(), caller.UserId, UserNames.Of(caller.UserId), "outbox-resend", $"{period} {begin} .. {end}", null, null, summary.GetRawText()));
        return ControlResponse.Success(request.Id, summary);
    }

    public ControlResponse Audit(ControlRequest request)
    {
        var since = DateTimeOffset.MinValue;
        if (ControlArgs.Text(request.Args, "since") is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
        {
            return ControlResponse.InvalidArgument(request, $"since '{text}' is not a date and time (ISO 8601)");
        }

        var entries = runtime.Audit.Read(since).ToList();
        return ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(entries, ControlJsonContext.Default.ListAuditEntry));
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
