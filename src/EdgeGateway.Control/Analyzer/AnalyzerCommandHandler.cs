using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Calibration;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Analyzer;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Primitives.Events;

namespace EdgeGateway.Control.Analyzer;

/// <summary>
/// The control protocol's <c>analyzer</c> command: starts an analyzer's own routine (zero check, span check,
/// blow-back; HJ 212's 3011/3013) by writing the command register its profile declares, through the bus queue so it
/// never collides with polling, reads back the registers the profile names, and flags the affected channels C
/// (zero, span) or M (blow-back) for the routine's duration. Audited and announced like every technician action.
/// </summary>
/// <remarks>
/// The channels flagged are those the profile's calibration (or maintenance) status bits name, else all of the
/// device's: the analyzer's own status bits may flag them as well, and longer. The window opens once the write is
/// acknowledged, so a refused or unanswered command flags nothing; an analyzer switches its valves in seconds, well
/// after the one poll cycle this can leave unflagged. A sampler's retainSample run by hand is told to
/// <c>sampleTaken</c> (the alarm stage's <c>SampleTaken</c>), so an exceedance whose own request failed shows the bottle.
/// </remarks>
public sealed class AnalyzerCommandHandler(
    ChannelTable channels,
    IReadOnlyList<BusPoller> buses,
    MaintenanceWindows maintenance,
    CalibrationBook calibration,
    AuditTrail audit,
    Action<GatewayEvent> announce,
    TimeProvider? time = null,
    Action<string, SampleRetentionOutcome, string>? sampleTaken = null)
{
    /// <summary>How long zero and span checks flag their channels C unless the request says otherwise.</summary>
    public static readonly TimeSpan DefaultCalibrationRoutine = TimeSpan.FromMinutes(10);

    /// <summary>How long a blow-back flags its channels M unless the request says otherwise.</summary>
    public static readonly TimeSpan DefaultMaintenanceRoutine = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async ValueTask<ControlResponse> HandleAsync(ControlRequest request, ControlCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = request.Args is { ValueKind: JsonValueKind.Object } present ? present : default;
        var key = ControlArgs.Text(args, "channel");
        var name = ControlArgs.Text(args, "routine");
        if (key is null || name is null)
        {
            return ControlResponse.InvalidArgument(request, "channel (device.channel) and routine (zero, span, blowback) are required");
        }

        TimeSpan? duration = null;
        if (args.ValueKind == JsonValueKind.Object && args.TryGetProperty("forSeconds", out var seconds))
        {
            if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetDouble(out var value) || value < 1 || value > TimeSpan.FromDays(1).TotalSeconds)
            {
                return ControlResponse.InvalidArgument(request, "forSeconds is a number of seconds from 1 to 86400");
            }

            duration = TimeSpan.FromSeconds(value);
        }

        var outcome = await RunAsync(key, name, duration, AnalyzerRoutineCaller.Technician(caller), cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            AnalyzerRoutineStatus.Started => ControlResponse.Success(request.Id, JsonSerializer.SerializeToElement(outcome.Result!, AnalyzerJsonContext.Default.AnalyzerRoutineResult)),
            AnalyzerRoutineStatus.Refused => ControlResponse.InvalidArgument(request, outcome.Message),
            AnalyzerRoutineStatus.Busy => ControlResponse.Failure(request.Id, CommandErrorCodes.Busy, $"{request.Command}: {outcome.Message}"),
            _ => ControlResponse.Failure(request.Id, CommandErrorCodes.Failed, $"{request.Command}: {outcome.Message}"),
        };
    }

    /// <summary>
    /// Starts the routine <paramref name="name"/> (a command of the profile) on the device of channel
    /// <paramref name="key"/>, for a technician (<see cref="HandleAsync"/>) or a platform's HJ 212 command: the same
    /// write through the bus queue, the same flags, audit entry and event, whoever asks.
    /// </summary>
    /// <param name="duration">How long the channels stay flagged; the routine's default when null.</param>
    public async ValueTask<AnalyzerRoutineOutcome> RunAsync(string key, string name, TimeSpan? duration, AnalyzerRoutineCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!channels.TryFind(key, out var channel))
        {
            return new AnalyzerRoutineOutcome(AnalyzerRoutineStatus.Refused, channels.NoSuchChannel(key));
        }

        var (bus, device) = BusDeviceLookup.Find(buses, channel.Device);
        if (bus is null || device is null)
        {
            return new AnalyzerRoutineOutcome(AnalyzerRoutineStatus.Refused, $"device '{channel.Device}' is not polled by this gateway");
        }

        var profile = device.Profile;
        if (!profile.Commands.TryGetValue(name, out var command))
        {
            return new AnalyzerRoutineOutcome(AnalyzerRoutineStatus.Refused, profile.Commands.Count == 0
                ? $"profile {profile.Model} of {device.Name} declares no commands: start the routine at the analyzer's own panel"
                : $"profile {profile.Model} of {device.Name} declares no '{name}' command; it declares: {string.Join(", ", profile.Commands.Keys.Order(StringComparer.Ordinal))}");
        }

        var meaning = MeaningOf(name);
        var flagged = duration ?? (meaning == StatusMeaning.Calibration ? DefaultCalibrationRoutine : DefaultMaintenanceRoutine);
        var written = ProfileCommandExecutor.Describe(command);
        var target = $"device {device.Name} ({key})";
        ProfileCommandOutcome done;
        try
        {
            done = await bus.SubmitAsync(exchange => ProfileCommandExecutor.Execute(exchange, device.UnitId, command), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            return new AnalyzerRoutineOutcome(AnalyzerRoutineStatus.Busy, exception.Message);
        }

        var now = _time.GetUtcNow();
        if (!done.Outcome.IsSuccess)
        {
            audit.Append(new AuditEntry(now, caller.UserId, caller.Name, "analyzer-" + name, target, caller.Reason, null, $"failed: {written}: {done.Outcome}"));
            return new AnalyzerRoutineOutcome(AnalyzerRoutineStatus.Failed, $"{device.Name} did not take the {name} command ({written}): {done.Outcome}");
        }

        if (name == BusSampleRetainer.CommandName)
        {
            sampleTaken?.Invoke(device.Name, BusSampleRetainer.OutcomeOf(command, done), caller.Via);
        }

        var affected = Affected(device, meaning);
        DateTimeOffset? until = meaning is null ? null : now + flagged;
        if (meaning == StatusMeaning.Calibration)
        {
            calibration.UpdateAll([.. affected.Select(definition => definition.Key)], entry => entry with { WindowUntil = entry.WindowUntil > until ? entry.WindowUntil : until });
        }
        else if (meaning == StatusMeaning.Maintenance)
        {
            var state = maintenance.Open(now).ToDictionary(window => window.Channel, window => window.Until);
            maintenance.Start([.. affected.Where(definition => !state.TryGetValue(definition.Key, out var end) || end < until)], until!.Value, caller.Reason ?? $"{name} routine", caller.Name);
        }

        var flag = meaning switch { StatusMeaning.Calibration => "C", StatusMeaning.Maintenance => "M", _ => null };
        var result = new AnalyzerRoutineResult(device.Name, name, written, done.Results, flag, [.. affected.Select(definition => definition.Key)], until);
        var flags = flag is null ? string.Empty : $"; {string.Join(", ", result.Channels)} flagged {flag} until {Timestamp(until!.Value)}";
        audit.Append(new AuditEntry(now, caller.UserId, caller.Name, "analyzer-" + name, target, caller.Reason, null, written + flags));
        announce(new GatewayEvent(now, meaning == StatusMeaning.Maintenance ? GatewayEventKind.Maintenance : GatewayEventKind.Calibration, device.Name, $"{name} routine started on {device.Name} by {caller.Name} ({written}){flags}", JsonSerializer.Serialize(result, AnalyzerJsonContext.Default.AnalyzerRoutineResult)));
        return new AnalyzerRoutineOutcome(AnalyzerRoutineStatus.Started, $"{name} routine started on {device.Name} ({written}){flags}", result);
    }

    // Zero and span checks (and a standard check) put reference gas or solution on the channels: C. Blow-back,
    // purging and cleaning take the probe off the process: M. Others (a sample) flag nothing.
    private static StatusMeaning? MeaningOf(string name) =>
        name.Contains("zero", StringComparison.OrdinalIgnoreCase) || name.Contains("span", StringComparison.OrdinalIgnoreCase) || name.Contains("calibrat", StringComparison.OrdinalIgnoreCase) || name.Contains("standard", StringComparison.OrdinalIgnoreCase) ? StatusMeaning.Calibration
        : name.Contains("blow", StringComparison.OrdinalIgnoreCase) || name.Contains("purge", StringComparison.OrdinalIgnoreCase) || name.Contains("clean", StringComparison.OrdinalIgnoreCase) ? StatusMeaning.Maintenance
        : null;

    // The channels the profile's status bits (or values) of this meaning name; a bit that names none means the whole
    // device, and so does a profile without such bits.
    private List<ChannelDefinition> Affected(PolledDevice device, StatusMeaning? meaning)
    {
        var all = channels.Channels.Where(definition => definition.Device == device.Name).ToList();
        var lists = device.Profile.Status
            .SelectMany(word => word.Bits.Where(bit => bit.Means == meaning).Select(bit => bit.Channels)
                .Concat(word.Values.Where(value => value.Means == meaning).Select(value => value.Channels)))
            .ToList();
        if (lists.Count == 0 || lists.Any(list => list.Count == 0))
        {
            return all;
        }

        var named = lists.SelectMany(list => list).ToHashSet(StringComparer.Ordinal);
        return [.. all.Where(definition => named.Contains(definition.Channel))];
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
