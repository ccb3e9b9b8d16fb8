using System.Globalization;
using EdgeGateway.Control.Analyzer;
using EdgeGateway.Control.Contract;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Pipeline;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Platforms;

/// <summary>
/// The HJ 212 host commands that act on the cabinet, for every platform link: 1012 through the clock setter of the
/// MQTT set-time (refused while NTP keeps the clock), 3011-3013/3024 through <c>egw analyzer</c>'s mechanism (the
/// profile's command register, channels flagged C or M), 3015/3022 through the sampler an exceedance uses, and
/// 3019-3021 from the devices' channels. Every call is written to the audit trail under the platform's name
/// (<see cref="PlatformCaller.AuditName"/>), refused ones too.
/// </summary>
/// <remarks>
/// A PolId names a factor; the device is the one polled for a channel with that code. Whether a platform may give
/// a command at all is the link's business (<see cref="PlatformOptions.AllowedCommands"/>); these methods never throw
/// for a bad request, they answer with the 9012 ExeRtn and a sentence.
/// </remarks>
internal sealed partial class CabinetDeviceCommands(CabinetDeviceCommandParts parts, ILogger logger) : IPlatformDeviceCommands
{
    // A clock outside these years is a typing error or a broken platform clock, not a correction (as for MQTT set-time).
    private static readonly DateTimeOffset EarliestPlausibleTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestPlausibleTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The profile command names each routine goes by, in order of preference.</summary>
    public static IReadOnlyList<string> CommandNamesOf(PlatformRoutine routine) => routine switch
    {
        PlatformRoutine.ZeroCalibration => ["zero", "zeroCalibration", "zeroCheck"],
        PlatformRoutine.SpanCalibration => ["span", "spanCalibration", "spanCheck"],
        PlatformRoutine.ImmediateSampling => ["sample", "measure", "immediateSampling"],
        PlatformRoutine.Cleaning => ["blowback", "clean", "cleaning", "purge"],
        PlatformRoutine.StandardCheck => ["standardCheck", "standard"],
        _ => [],
    };

    public ValueTask<PlatformCommandResult> SetTimeAsync(PlatformCaller caller, string? polId, DateTimeOffset utc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var target = polId is null ? "gateway clock" : $"clock of {polId}";
        PlatformCommandResult result;
        var previous = parts.Time.GetUtcNow();
        if (polId is not null)
        {
            result = new(Hj212ExeRtn.Failed, $"an analyzer's clock ({polId}) cannot be set: profiles declare no clock register; 1012 without PolId sets the gateway's");
        }
        else if (utc < EarliestPlausibleTime || utc >= LatestPlausibleTime)
        {
            result = new(Hj212ExeRtn.RequestConditionError, $"{Iso(utc)} is not a plausible time (before 2020 or after 2099)");
        }
        else if (parts.ClockSetter is not { } setter)
        {
            result = new(Hj212ExeRtn.Failed, "this gateway cannot set its clock (no clock setter)");
        }
        else if (parts.ClockStatus.Probe() is { Synchronized: true } status)
        {
            result = new(Hj212ExeRtn.Failed, $"the clock is synchronised by NTP ({status.Detail}); a step would be undone by it, so the time was not set");
        }
        else if (!setter.TrySet(utc, out var error))
        {
            result = new(Hj212ExeRtn.Failed, $"the clock was not set: {error}");
        }
        else
        {
            var step = (utc - previous).TotalSeconds;
            result = new(Hj212ExeRtn.Success, string.Create(CultureInfo.InvariantCulture, $"clock set from {Iso(previous)} to {Iso(utc)} (step {step:0.###} s)"));
            LogClockSet(logger, caller.AuditName, Iso(previous), Iso(utc));
        }

        Audit(caller, "platform-set-time", target, result, before: Iso(previous), after: result.Succeeded ? Iso(utc) : null);
        return ValueTask.FromResult(result);
    }

    public async ValueTask<PlatformCommandResult> RunRoutineAsync(PlatformCaller caller, string polId, PlatformRoutine routine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var names = CommandNamesOf(routine);
        if (!TryFindDevice(polId, device => names.Any(device.Profile.Commands.ContainsKey), out var channel, out var device, out var problem))
        {
            Audit(caller, RoutineAction(routine), $"factor {polId}", problem, null, null);
            return problem;
        }

        var name = names.FirstOrDefault(device.Profile.Commands.ContainsKey);
        if (name is null)
        {
            var refused = new PlatformCommandResult(Hj212ExeRtn.Failed, device.Profile.Commands.Count == 0
                ? $"profile {device.Profile.Model} of {device.Name} ({polId}) declares no commands: {Routine(routine)} is started at the analyzer's own panel"
                : $"profile {device.Profile.Model} of {device.Name} ({polId}) declares no {Routine(routine)} command ({string.Join(" or ", names)}); it declares: {string.Join(", ", device.Profile.Commands.Keys.Order(StringComparer.Ordinal))}");
            Audit(caller, RoutineAction(routine), $"device {device.Name} ({channel.Key})", refused, null, null);
            return refused;
        }

        // The analyzer handler audits and announces what it writes, under the platform's name.
        var by = new AnalyzerRoutineCaller(AnalyzerRoutineCaller.NoUser, caller.AuditName, $"HJ 212 {Routine(routine)} from {caller.AuditName} (QN {caller.Qn})", Reason(caller));
        var outcome = await WithinTimeoutAsync(token => parts.Analyzer.RunAsync(channel.Key, name, null, by, token).AsTask(), cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            null => new(Hj212ExeRtn.CommunicationTimeout, $"{device.Name} did not answer the {name} command within {parts.AnalyzerTimeout.TotalSeconds:0} s (or its bus was busy that long)"),
            { Status: AnalyzerRoutineStatus.Started } => new(Hj212ExeRtn.Success, outcome.Message),
            { Status: AnalyzerRoutineStatus.Busy } => new(Hj212ExeRtn.SystemBusy, outcome.Message),
            _ => new(Hj212ExeRtn.Failed, outcome.Message),
        };
    }

    public async ValueTask<PlatformSampleResult> RetainSampleAsync(PlatformCaller caller, string? polId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var sampler = Sampler(polId, out var refused);
        if (sampler is null)
        {
            Audit(caller, "platform-retain-sample", polId is null ? "sampler" : $"sampler for {polId}", refused!, null, null);
            return new PlatformSampleResult(refused!, null, null);
        }

        var outcome = await WithinTimeoutAsync(token => parts.SampleRetainer.RetainAsync(sampler, token), cancellationToken).ConfigureAwait(false);
        var now = parts.Time.GetUtcNow();
        PlatformSampleResult result;
        if (outcome is null)
        {
            result = new(new(Hj212ExeRtn.CommunicationTimeout, $"{sampler} did not answer within {parts.AnalyzerTimeout.TotalSeconds:0} s (or its bus was busy that long)"), null, null);
        }
        else if (!outcome.Retained)
        {
            result = new(new(Hj212ExeRtn.Failed, $"{sampler} did not keep a sample: {outcome.Detail}"), null, null);
        }
        else
        {
            // The alarm stage records the bottle, so an exceedance whose own request failed shows it.
            parts.SampleTaken?.Invoke(sampler, outcome, $"{caller.AuditName}'s retain-sample (QN {caller.Qn})");
            var bottle = outcome.VaseNo is { } vase ? $" in bottle {vase}" : " (bottle not read back)";
            result = new(new(Hj212ExeRtn.Success, $"{sampler} kept a sample{bottle}: {outcome.Detail}"), outcome.VaseNo, now);
            LogSampleKept(logger, caller.AuditName, sampler, outcome.VaseNo);
        }

        Audit(caller, "platform-retain-sample", $"device {sampler}", result.Result, null, result.Result.Succeeded ? outcome!.Detail : null);
        return result;
    }

    public ValueTask<PlatformInformationResult> GetInformationAsync(PlatformCaller caller, string polId, string? infoId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        PlatformInformationResult result;
        if (!TryFindDevice(polId, _ => true, out _, out var device, out var problem))
        {
            result = new(problem, []);
        }
        else if (infoId is null)
        {
            // 3019: no profile declares where its analyzer keeps the serial number (a string, not a reading).
            result = new(new(Hj212ExeRtn.NoData, $"no serial number: profile {device.Profile.Model} of {device.Name} declares none"), []);
        }
        else
        {
            result = Information(device.Name, polId, infoId);
        }

        Audit(caller, infoId is null ? "platform-get-serial" : "platform-get-information", $"factor {polId}" + (infoId is null ? string.Empty : $" {infoId}"), result.Result, null, null);
        return ValueTask.FromResult(result);
    }

    public ValueTask<PlatformCommandResult> SetInformationAsync(PlatformCaller caller, string polId, string infoId, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // Analyzer parameters are set at the analyzer's panel or with egw modbus write (audited); no profile declares
        // which register an information code lives in, so a platform's 3021 cannot be carried out.
        var result = new PlatformCommandResult(Hj212ExeRtn.Failed, $"{infoId} of {polId} cannot be set from a platform: no profile declares writable analyzer information");
        Audit(caller, "platform-set-information", $"factor {polId} {infoId}", result, null, value.Length > 64 ? value[..64] + "…" : value);
        return ValueTask.FromResult(result);
    }

    // 3020: an information code (i1xxxx) the device's profile reads as a channel, with its latest value.
    private PlatformInformationResult Information(string device, string polId, string infoId)
    {
        var channel = parts.Channels.Channels.FirstOrDefault(candidate => candidate.Device == device && string.Equals(candidate.Code, infoId, StringComparison.OrdinalIgnoreCase));
        if (channel is null)
        {
            return new(new(Hj212ExeRtn.NoData, $"no {infoId} for {polId}: the profile of {device} reads no channel with that code"), []);
        }

        if (!parts.Latest.TryGet(channel.Index, out var reading) || !double.IsFinite(reading.Value))
        {
            return new(new(Hj212ExeRtn.NoData, $"no {infoId} for {polId}: {channel.Key} has no value yet"), []);
        }

        var text = reading.Value.ToString("0.######", CultureInfo.InvariantCulture);
        return new(new(Hj212ExeRtn.Success, $"{channel.Key} = {text}"), [new KeyValuePair<string, string>(infoId + "-Info", text)]);
    }

    // The device measuring a factor; of several, the one that can do the job (accepts), and the choice must be clear.
    private bool TryFindDevice(string polId, Func<PolledDevice, bool> accepts, out ChannelDefinition channel, out PolledDevice device, out PlatformCommandResult problem)
    {
        channel = null!;
        device = null!;
        problem = null!;
        var candidates = parts.Channels.Channels
            .Where(candidate => string.Equals(candidate.Code, polId, StringComparison.OrdinalIgnoreCase))
            .Select(candidate => (Channel: candidate, BusDeviceLookup.Find(parts.Buses, candidate.Device).Device))
            .Where(found => found.Device is not null)
            .ToList();
        if (candidates.Count == 0)
        {
            problem = new(Hj212ExeRtn.RequestConditionError, $"no analyzer of this gateway measures {polId}");
            return false;
        }

        var able = candidates.Where(found => accepts(found.Device!)).ToList();
        var chosen = able.Count > 0 ? able : candidates;
        if (chosen.Select(found => found.Device!.Name).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            problem = new(Hj212ExeRtn.RequestConditionError, $"{polId} is measured by several analyzers ({string.Join(", ", chosen.Select(found => found.Device!.Name).Distinct(StringComparer.Ordinal))}); this gateway cannot tell which is meant");
            return false;
        }

        (channel, device) = (chosen[0].Channel, chosen[0].Device!);
        return true;
    }

    // The sampler a 3015/3022 means: the only one, or the one that measures the PolId.
    private string? Sampler(string? polId, out PlatformCommandResult? refused)
    {
        refused = null;
        var samplers = parts.Samplers;
        if (samplers.Count == 0)
        {
            refused = new(Hj212ExeRtn.Failed, "no device of this gateway declares a retainSample command (an automatic sampler's profile)");
            return null;
        }

        if (polId is not null)
        {
            var measuring = parts.Channels.Channels.Where(channel => string.Equals(channel.Code, polId, StringComparison.OrdinalIgnoreCase) && samplers.Contains(channel.Device, StringComparer.Ordinal))
                .Select(channel => channel.Device).Distinct(StringComparer.Ordinal).ToList();
            if (measuring.Count == 1)
            {
                return measuring[0];
            }
        }

        if (samplers.Count == 1)
        {
            return samplers[0];
        }

        refused = new(Hj212ExeRtn.RequestConditionError, $"this gateway has {samplers.Count} samplers ({string.Join(", ", samplers)}) and none is named by {polId ?? "the request (no PolId)"}");
        return null;
    }

    private async Task<T?> WithinTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(parts.AnalyzerTimeout);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Audit(PlatformCaller caller, string action, string target, PlatformCommandResult result, string? before, string? after) =>
        parts.Audit.Append(new AuditEntry(
            parts.Time.GetUtcNow(),
            AnalyzerRoutineCaller.NoUser,
            caller.AuditName,
            action,
            target,
            Reason(caller),
            before,
            result.Succeeded ? after ?? result.Detail : $"ExeRtn={(int)result.ExeRtn}: {result.Detail}"));

    private static string Reason(PlatformCaller caller) => $"HJ 212 QN {caller.Qn} from {caller.Address}";

    private static string RoutineAction(PlatformRoutine routine) => "platform-" + char.ToLowerInvariant(routine.ToString()[0]) + routine.ToString()[1..];

    private static string Routine(PlatformRoutine routine) => routine switch
    {
        PlatformRoutine.ZeroCalibration => "zero calibration (3011)",
        PlatformRoutine.SpanCalibration => "span calibration (3011)",
        PlatformRoutine.ImmediateSampling => "immediate sampling (3012)",
        PlatformRoutine.Cleaning => "cleaning (3013)",
        _ => "standard check (3024)",
    };

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} set the clock from {Previous} to {Time} (HJ 212 1012)")]
    private static partial void LogClockSet(ILogger logger, string platform, string previous, string time);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform}: {Sampler} kept a sample, bottle {VaseNo}")]
    private static partial void LogSampleKept(ILogger logger, string platform, string sampler, int? vaseNo);
}
