using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Uplink.Contract;
using EdgeGateway.Uplink.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Answers the platform's commands on <c>{root}/cmd/{name}</c> (docs/platform-contract.md, "Commands"): ping, get-time,
/// set-time, get-rt-interval, set-rt-interval, history and retain-sample. Every request gets exactly one reply in the
/// common envelope, also an unknown, malformed or oversized one; nothing is thrown to the link.
/// </summary>
/// <remarks>
/// The host maps it with <c>responder.Map(responder.CommandTopicFilter, handler.HandleAsync)</c> (an
/// <see cref="MqttCommandResponder"/> on the link). The responder calls it one
/// command at a time on its receive path, so every command answers at once: a history re-send runs in the background
/// (one at a time), and only retain-sample waits, for the sampler's answer, bounded by
/// <see cref="PlatformCommandOptions.AnalyzerWriteTimeout"/>. On MQTT 3.1.1 the request's <c>id</c> is repeated in the
/// reply; on MQTT 5 the link also echoes the correlation data.
/// </remarks>
public sealed class PlatformCommandHandler : IAsyncDisposable
{
    private const int MaxIdLength = 128;
    private const int MaxCommandNameLength = 64;

    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 16 };

    private static readonly string KnownCommands = string.Join(", ",
        PlatformCommandNames.Ping,
        PlatformCommandNames.GetTime,
        PlatformCommandNames.SetTime,
        PlatformCommandNames.GetRealTimeInterval,
        PlatformCommandNames.SetRealTimeInterval,
        PlatformCommandNames.History,
        PlatformCommandNames.RetainSample);

    // A clock outside these years is a typing error or a broken platform clock, not a correction.
    private static readonly DateTimeOffset EarliestPlausibleTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestPlausibleTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PlatformCommandOptions _options;
    private readonly PlatformCommandDependencies _dependencies;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HistoryResender? _history;
    private long _requests;
    private long _errors;

    /// <param name="options">What is allowed and the limits; validated here.</param>
    /// <param name="dependencies">What the commands act on; see <see cref="PlatformCommandDependencies"/>.</param>
    /// <param name="logger">Refusals, clock and interval changes, history re-sends, samples kept.</param>
    /// <param name="time">The gateway's clock (tests set it).</param>
    /// <exception cref="ArgumentException">A required part is missing: only part of the history wiring.</exception>
    public PlatformCommandHandler(PlatformCommandOptions options, PlatformCommandDependencies dependencies, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dependencies);
        options.Validate();
        ArgumentException.ThrowIfNullOrEmpty(dependencies.GatewayId, nameof(dependencies));
        var historyParts = new object?[] { dependencies.Outbox, dependencies.HistoryEncoder, dependencies.HistoryPublisher };
        if (historyParts.Any(part => part is null) && historyParts.Any(part => part is not null))
        {
            throw new ArgumentException("History needs the outbox, the history encoder and the history publisher together.", nameof(dependencies));
        }

        _options = options;
        _dependencies = dependencies;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        if (dependencies is { Outbox: { } outbox, HistoryEncoder: { } encoder, HistoryPublisher: { } publisher })
        {
            _history = new HistoryResender(outbox, encoder, publisher, options, _logger, _time);
        }
    }

    public PlatformCommandOptions Options => _options;

    public PlatformCommandStatistics Statistics => new()
    {
        Requests = Interlocked.Read(ref _requests),
        Errors = Interlocked.Read(ref _errors),
        HistoryJobs = _history?.Jobs ?? 0,
        HistoryJobsAbandoned = _history?.Abandoned ?? 0,
        HistoryMessagesSent = _history?.MessagesSent ?? 0,
        HistoryRunning = _history?.IsRunning ?? false,
    };

    /// <summary>The running (or last) history re-send; completes when it ends.</summary>
    internal Task HistoryJob => _history?.CurrentJob ?? Task.CompletedTask;

    /// <summary>
    /// Answers one command; an <see cref="MqttCommandHandler"/>. Returns the reply (always one, error replies included),
    /// or null only when <paramref name="cancellationToken"/> ended the work (the link is shutting down).
    /// </summary>
    public async ValueTask<MqttCommandReply?> HandleAsync(MqttCommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = CommandNameOf(request.Topic);
        byte[] reply;
        try
        {
            reply = await AnswerAsync(command, request.Payload, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception)
        {
            // Last resort, outside any command: the requester still gets an answer rather than silence.
            PlatformCommandLog.Failed(_logger, command, exception);
            reply = Fail(command, null, CommandErrorCodes.Failed, $"the gateway failed to carry it out: {FirstLine(exception.Message)}");
        }

        Interlocked.Increment(ref _requests);
        return new MqttCommandReply(reply) { ContentType = UplinkContract.ContentType };
    }

    public async ValueTask DisposeAsync()
    {
        if (_history is not null)
        {
            await _history.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The name is what follows "/cmd/" (the topic root itself never contains it), cut to a length fit to echo.
    private static string CommandNameOf(string topic)
    {
        var marker = topic.IndexOf("/cmd/", StringComparison.Ordinal);
        var name = marker >= 0 ? topic[(marker + "/cmd/".Length)..] : topic;
        return name.Length <= MaxCommandNameLength ? name : name[..MaxCommandNameLength];
    }

    private async ValueTask<byte[]> AnswerAsync(string command, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Fail(command, null, CommandErrorCodes.Forbidden, "commands are disabled in this gateway's configuration (uplink.commands.enabled)");
        }

        if (payload.Length > _options.MaxRequestBytes)
        {
            return Fail(command, null, CommandErrorCodes.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"the request has {payload.Length} bytes; at most {_options.MaxRequestBytes} are read"));
        }

        if (!Utf8.IsValid(payload.Span))
        {
            return Fail(command, null, CommandErrorCodes.Malformed, "the body is not valid UTF-8");
        }

        JsonDocument body;
        try
        {
            body = IsBlank(payload.Span) ? JsonDocument.Parse("{}") : JsonDocument.Parse(payload, BodyOptions);
        }
        catch (JsonException exception)
        {
            return Fail(command, null, CommandErrorCodes.Malformed, $"the body is not JSON: {FirstLine(exception.Message)}");
        }

        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(command, null, CommandErrorCodes.Malformed, $"the body must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            if (!TryReadId(root, out var id, out var idProblem))
            {
                return Fail(command, null, CommandErrorCodes.InvalidArgument, idProblem);
            }

            try
            {
                return command switch
                {
                    PlatformCommandNames.Ping => Ping(command, id),
                    PlatformCommandNames.GetTime => GetTime(command, id),
                    PlatformCommandNames.SetTime => SetTime(command, id, root),
                    PlatformCommandNames.GetRealTimeInterval => GetRealTimeInterval(command, id),
                    PlatformCommandNames.SetRealTimeInterval => SetRealTimeInterval(command, id, root),
                    PlatformCommandNames.History => History(command, id, root, cancellationToken),
                    PlatformCommandNames.RetainSample => await RetainSampleAsync(command, id, root, cancellationToken).ConfigureAwait(false),
                    _ => Fail(command, id, CommandErrorCodes.UnknownCommand, $"unknown command '{command}'; this gateway knows {KnownCommands}"),
                };
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A failing seam (the host's code) or a bug: the platform still gets its answer, the log gets the details.
                PlatformCommandLog.Failed(_logger, command, exception);
                return Fail(command, id, CommandErrorCodes.Failed, $"the gateway failed to carry it out: {FirstLine(exception.Message)}");
            }
        }
    }

    private byte[] Ping(string command, JsonElement? id)
    {
        var now = _time.GetUtcNow();
        var startedAt = _dependencies.StartedAt;
        var result = new PingResult(
            CommandTimes.Format(now),
            _dependencies.SoftwareVersion,
            startedAt is { } started ? CommandTimes.Format(started) : null,
            startedAt is { } since ? (long)Math.Max(0, (now - since).TotalSeconds) : null);
        return Succeed(command, id, result, PlatformCommandJsonContext.Default.PingResult);
    }

    private byte[] GetTime(string command, JsonElement? id)
    {
        var status = ProbeClock();
        var result = new TimeResult(CommandTimes.Format(_time.GetUtcNow()), status.Source, status.Synchronized, status.Detail);
        return Succeed(command, id, result, PlatformCommandJsonContext.Default.TimeResult);
    }

    private byte[] SetTime(string command, JsonElement? id, JsonElement body)
    {
        if (!_options.AllowSetTime)
        {
            return Fail(command, id, CommandErrorCodes.Forbidden, "setting the clock is disabled in this gateway's configuration (uplink.commands.allowSetTime)");
        }

        if (_dependencies.ClockSetter is not { } setter)
        {
            return Fail(command, id, CommandErrorCodes.Forbidden, "this gateway cannot set its clock (no clock setter is configured)");
        }

        if (!TryRead(body, PlatformCommandJsonContext.Default.SetTimeRequest, out var request, out var problem))
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, problem);
        }

        DateTimeOffset time;
        switch (request)
        {
            case { Time: { } iso, SystemTime: null }:
                if (!CommandTimes.TryParseIso(iso, out time, out problem))
                {
                    return Fail(command, id, CommandErrorCodes.InvalidArgument, $"time: {problem}");
                }

                break;
            case { Time: null, SystemTime: { } hj212 }:
                if (!CommandTimes.TryParseHj212(hj212, _options.SiteUtcOffset, out time, out problem))
                {
                    return Fail(command, id, CommandErrorCodes.InvalidArgument, $"systemTime: {problem}");
                }

                break;
            case { Time: not null, SystemTime: not null }:
                return Fail(command, id, CommandErrorCodes.InvalidArgument, "give time or systemTime, not both");
            default:
                return Fail(command, id, CommandErrorCodes.InvalidArgument, "time (ISO 8601 UTC) or systemTime (yyyyMMddHHmmss, site time) is required");
        }

        if (time < EarliestPlausibleTime || time >= LatestPlausibleTime)
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, $"{CommandTimes.Format(time)} is not a plausible time (before 2020 or after 2099)");
        }

        var status = ProbeClock();
        if (status.Synchronized == true)
        {
            return Fail(command, id, CommandErrorCodes.Forbidden,
                $"the clock is synchronised by NTP ({status.Detail}); a step would be undone by it, so set-time is refused");
        }

        var previous = _time.GetUtcNow();
        if (!setter.TrySet(time, out var error))
        {
            return Fail(command, id, CommandErrorCodes.Failed, $"the clock was not set: {error}");
        }

        var step = Math.Round((time - previous).TotalSeconds, 3);
        PlatformCommandLog.ClockSet(_logger, CommandTimes.Format(previous), CommandTimes.Format(time), step);
        return Succeed(command, id, new SetTimeResult(CommandTimes.Format(previous), CommandTimes.Format(time), step), PlatformCommandJsonContext.Default.SetTimeResult);
    }

    private byte[] GetRealTimeInterval(string command, JsonElement? id)
    {
        if (_dependencies.RealTimeInterval is not { } control)
        {
            return Fail(command, id, CommandErrorCodes.Forbidden, "the real-time interval is not available on this gateway");
        }

        return Succeed(command, id, new RealTimeIntervalResult(control.Current.TotalSeconds, null), PlatformCommandJsonContext.Default.RealTimeIntervalResult);
    }

    private byte[] SetRealTimeInterval(string command, JsonElement? id, JsonElement body)
    {
        if (_dependencies.RealTimeInterval is not { } control)
        {
            return Fail(command, id, CommandErrorCodes.Forbidden, "the real-time interval is not available on this gateway");
        }

        if (!TryRead(body, PlatformCommandJsonContext.Default.SetRealTimeIntervalRequest, out var request, out var problem))
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, problem);
        }

        if (request.Seconds is not { } seconds)
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, "seconds (a whole number) is required");
        }

        if (seconds < _options.MinRealTimeIntervalSeconds || seconds > _options.MaxRealTimeIntervalSeconds)
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"seconds must be {_options.MinRealTimeIntervalSeconds} to {_options.MaxRealTimeIntervalSeconds}, not {seconds}"));
        }

        var previous = control.Current;
        var interval = TimeSpan.FromSeconds(seconds);
        if (!control.TrySet(interval, out var error))
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, $"the interval was not changed: {error}");
        }

        PlatformCommandLog.RealTimeIntervalSet(_logger, previous, interval);
        return Succeed(command, id, new RealTimeIntervalResult(control.Current.TotalSeconds, previous.TotalSeconds), PlatformCommandJsonContext.Default.RealTimeIntervalResult);
    }

    private const string HistoryUnavailable = "history is not available on this gateway (no outbox is wired to the commands)";

    /// <summary>
    /// Starts a history re-send without an MQTT request (the technician's <c>egw outbox resend</c>): the same parsing,
    /// selection, pacing and one-job-at-a-time rule as the platform's <c>history</c> command.
    /// </summary>
    /// <param name="cancellationToken">Ends the background re-send (besides <see cref="DisposeAsync"/>).</param>
    public bool TryStartHistory(HistoryRequest request, CancellationToken cancellationToken, [NotNullWhen(true)] out HistoryResult? result, [NotNullWhen(false)] out CommandError? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        result = null;
        if (_history is null)
        {
            error = new CommandError(CommandErrorCodes.Forbidden, HistoryUnavailable);
            return false;
        }

        if (!HistoryRequestParser.TryParse(request, _options.SiteUtcOffset, out var query, out var problem))
        {
            error = new CommandError(CommandErrorCodes.InvalidArgument, problem);
            return false;
        }

        if (!_history.TryStart(query, cancellationToken, out var selection, out error))
        {
            return false;
        }

        var entries = selection.Entries;
        result = new HistoryResult(
            true,
            query.PeriodName,
            CommandTimes.Format(query.FromUtc),
            CommandTimes.Format(query.ToUtc),
            entries.Count,
            selection.Truncated,
            selection.NextBegin is { } next ? CommandTimes.Format(next) : null,
            entries.Count > 0 ? entries[0].Sequence : null,
            entries.Count > 0 ? entries[^1].Sequence : null);
        return true;
    }

    private byte[] History(string command, JsonElement? id, JsonElement body, CancellationToken cancellationToken)
    {
        // Unavailable is said before the body is judged, as for every command without its seam.
        if (_history is null)
        {
            return Fail(command, id, CommandErrorCodes.Forbidden, HistoryUnavailable);
        }

        if (!TryRead(body, PlatformCommandJsonContext.Default.HistoryRequest, out var request, out var problem))
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, problem);
        }

        return TryStartHistory(request, cancellationToken, out var result, out var error)
            ? Succeed(command, id, result, PlatformCommandJsonContext.Default.HistoryResult)
            : Fail(command, id, error.Code, error.Message);
    }

    // HJ 212's 3015: the platform asks for a sample (its own over-limit judgement, or an inspection); the same
    // command an exceedance sends, through the bus queue, answered with the bottle.
    private async ValueTask<byte[]> RetainSampleAsync(string command, JsonElement? id, JsonElement body, CancellationToken cancellationToken)
    {
        if (_dependencies.SampleRetainer is not { } retainer || _dependencies.Samplers.Count == 0)
        {
            return Fail(command, id, CommandErrorCodes.Forbidden, "no device of this gateway declares a retainSample command (an automatic sampler's profile)");
        }

        if (!TryRead(body, PlatformCommandJsonContext.Default.RetainSampleRequest, out var request, out var problem))
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, problem);
        }

        var samplers = _dependencies.Samplers;
        var device = request.Device ?? (samplers.Count == 1 ? samplers[0] : null);
        if (device is null || !samplers.Contains(device, StringComparer.Ordinal))
        {
            return Fail(command, id, CommandErrorCodes.InvalidArgument, device is null
                ? $"device is required: this gateway has {samplers.Count} samplers ({string.Join(", ", samplers)})"
                : $"'{CommandTimes.Shorten(device)}' is not a sampler of this gateway; its samplers: {string.Join(", ", samplers)}");
        }

        if (await WithinAnalyzerTimeoutAsync(token => retainer.RetainAsync(device, token), cancellationToken).ConfigureAwait(false) is not { } outcome)
        {
            return Fail(command, id, CommandErrorCodes.Failed, $"{device} did not answer within {_options.AnalyzerWriteTimeout} (or its bus was busy that long)");
        }

        if (!outcome.Retained)
        {
            return Fail(command, id, CommandErrorCodes.Failed, $"{device} did not keep a sample: {outcome.Detail}");
        }

        _dependencies.SampleTaken?.Invoke(device, outcome, "the platform's retain-sample");
        var now = _time.GetUtcNow();
        PlatformCommandLog.SampleRetained(_logger, device, outcome.VaseNo);
        var dataTime = now.ToOffset(_options.SiteUtcOffset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return Succeed(command, id, new RetainSampleResult(device, CommandTimes.Format(now), dataTime, outcome.VaseNo), PlatformCommandJsonContext.Default.RetainSampleResult);
    }

    // An analyzer's answer, or the bus it waits for, may take long: the reply waits AnalyzerWriteTimeout at most.
    // Null when that passed (the gateway stopping is not a timeout, and still throws).
    private async Task<T?> WithinAnalyzerTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AnalyzerWriteTimeout);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private ClockStatus ProbeClock() =>
        _dependencies.ClockStatus?.Probe() ?? new ClockStatus("system", null, "this gateway does not know whether NTP keeps its clock");

    // The id is echoed as given; anything but a short string or an integer would make the reply's id unusable.
    private static bool TryReadId(JsonElement body, out JsonElement? id, [NotNullWhen(false)] out string? problem)
    {
        id = null;
        problem = null;
        if (!body.TryGetProperty("id", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        var usable = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Length <= MaxIdLength,
            JsonValueKind.Number => value.TryGetInt64(out _),
            _ => false,
        };
        if (!usable)
        {
            problem = $"id must be a string of at most {MaxIdLength} characters or an integer";
            return false;
        }

        id = value.Clone();
        return true;
    }

    private static bool TryRead<T>(JsonElement body, JsonTypeInfo<T> type, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? problem)
        where T : class
    {
        try
        {
            value = body.Deserialize(type);
            problem = value is null ? "the body must be a JSON object" : null;
            return value is not null;
        }
        catch (JsonException exception)
        {
            value = null;
            var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : exception.Path ?? "a field";
            problem = $"{field} has the wrong type or an impossible value";
            return false;
        }
    }

    private byte[] Succeed<TResult>(string command, JsonElement? id, TResult result, JsonTypeInfo<TResult> resultType) =>
        CommandReplyWriter.Success(_dependencies.GatewayId, command, id, result, resultType);

    private byte[] Fail(string command, JsonElement? id, string code, string message)
    {
        Interlocked.Increment(ref _errors);
        PlatformCommandLog.Refused(_logger, command, code, message);
        return CommandReplyWriter.Failure(_dependencies.GatewayId, command, id, new CommandError(code, message));
    }

    private static bool IsBlank(ReadOnlySpan<byte> payload)
    {
        foreach (var b in payload)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
