using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Calibration;

namespace EdgeGateway.Cli.Commands.Technician;

/// <summary>
/// <c>egw calibrate CHANNEL zero|span|apply|show|history|revert|cancel|progress</c>: the two-point calibration a
/// technician does at the cabinet. The measurement runs in the gateway (a dropped SSH session does not lose it);
/// this command follows it and prints where it stands. Apply and revert show before and after and ask first.
/// </summary>
internal static class CalibrateCommand
{
    private static readonly string[] Actions = ["zero", "span", "apply", "show", "history", "revert", "cancel", "progress"];

    public static Command Create(CliConsole console)
    {
        var channel = new Argument<string>("CHANNEL") { Description = "The channel, as device.channel (e.g. cems.so2); 'all' with show" };
        var action = new Argument<string>("ACTION")
        {
            Description = "zero|span: measure a point against --reference; apply: compute and set gain and offset; show; history; revert: undo the last change; cancel: drop the points and end the procedure; progress: follow a running measurement",
        };
        action.AcceptOnlyFromAmong(Actions);
        var reference = new Option<double?>("--reference", "-r") { Description = "zero/span: the reference value (zero gas, span gas, standard solution) in the channel's unit" };
        var settle = new Option<string>("--settle") { Description = "zero/span: how long to let the reading settle before averaging", DefaultValueFactory = _ => "60s" };
        var average = new Option<string>("--average") { Description = "zero/span: how long to average after settling", DefaultValueFactory = _ => "30s" };
        var yes = new Option<bool>("--yes", "-y") { Description = "apply/revert: do it without asking" };
        var reason = new Option<string?>("--reason") { Description = "apply/revert/cancel: why, for the audit trail" };
        var noWait = new Option<bool>("--no-wait") { Description = "zero/span: start the measurement and return; follow it later with 'progress'" };
        var socket = ControlCall.SocketOption();
        ChannelCompletions.AddChannels(channel, socket);
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (apply and revert then need --yes)" };
        var command = new Command("calibrate", "Zero/span calibration of a channel: measure the points, apply gain and offset, show, history, revert")
        {
            channel, action, reference, settle, average, yes, reason, noWait, socket, json,
        };
        command.SetAction((parse, cancellation) =>
        {
            var asJson = parse.GetValue(json);
            return Task.FromResult(CommandRunner.Run(console, asJson, () =>
            {
                var call = new Call(console, ControlClient.ResolvePath(parse.GetValue(socket)), parse.GetValue(channel)!, asJson);
                return parse.GetValue(action) switch
                {
                    "zero" or "span" => Measure(call, parse.GetValue(action)!, parse.GetValue(reference), Duration(parse.GetValue(settle)!, "--settle", allowZero: true), Duration(parse.GetValue(average)!, "--average", allowZero: false), parse.GetValue(noWait), cancellation),
                    "progress" => Follow(call, call.Ask<CalibrationRunStatus>(("action", "progress")), cancellation),
                    "apply" => Apply(call, parse.GetValue(yes), parse.GetValue(reason)),
                    "revert" => Revert(call, parse.GetValue(yes), parse.GetValue(reason)),
                    "cancel" => Cancel(call, parse.GetValue(reason)),
                    "show" => Show(call),
                    _ => History(call),
                };
            }));
        });
        return command;
    }

    private static int Measure(Call call, string kind, double? reference, TimeSpan settle, TimeSpan average, bool noWait, CancellationToken cancellation)
    {
        if (reference is null)
        {
            throw new CommandException(ExitCodes.Usage, $"{kind} needs --reference VALUE (the {(kind == "zero" ? "zero gas or blank" : "span gas or standard")} value in the channel's unit)", "usage");
        }

        var started = call.Ask<CalibrationRunStatus>(("action", kind), ("reference", reference.Value), ("settleSeconds", settle.TotalSeconds), ("averageSeconds", average.TotalSeconds));
        if (noWait)
        {
            return Print(call, started, final: true);
        }

        if (!call.AsJson)
        {
            call.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{started.Channel}: {kind} point against reference {Number(started.Reference)}; the channel is flagged C until apply or cancel (or the hold time runs out)"));
        }

        return Follow(call, started, cancellation);
    }

    // Polls the measurement once a second until it ends; a line per change of state, and a progress line every 10 s.
    private static int Follow(Call call, CalibrationRunStatus status, CancellationToken cancellation)
    {
        var lastState = string.Empty;
        var lastLine = DateTimeOffset.MinValue;
        while (!status.IsFinished)
        {
            if (!call.AsJson && (status.State != lastState || DateTimeOffset.UtcNow - lastLine >= TimeSpan.FromSeconds(10)))
            {
                call.Console.Out.WriteLine(Line(status));
                call.Console.Out.Flush();
                lastState = status.State;
                lastLine = DateTimeOffset.UtcNow;
            }

            if (cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
            {
                call.Console.Error.WriteLine($"egw: stopped following; the measurement goes on in the gateway. Follow it with 'egw calibrate {status.Channel} progress', stop it with 'egw calibrate {status.Channel} cancel'");
                return ExitCodes.Interrupted;
            }

            status = call.Ask<CalibrationRunStatus>(("action", "progress"));
        }

        return Print(call, status, final: true);
    }

    private static int Print(Call call, CalibrationRunStatus status, bool final)
    {
        if (call.AsJson)
        {
            call.Console.Out.WriteLine(JsonSerializer.Serialize(status, CalibrationJsonContext.Default.CalibrationRunStatus));
        }
        else if (status.State == "done" && status.Point is { } point)
        {
            call.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{status.Channel}: {status.Kind} point stored: reference {Number(point.Reference)}, read {Number(point.Measured)} (n={point.Samples}, sd {Number(point.StandardDeviation)}, drift {Number(point.Drift)})"));
        }
        else
        {
            call.Console.Out.WriteLine(Line(status));
        }

        if (final && status.State == "failed")
        {
            throw new CommandException(ExitCodes.Failed, $"{status.Channel}: {status.Kind} point not stored: {status.Error}", "failed");
        }

        return status.State == "cancelled" ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static string Line(CalibrationRunStatus status) => status.State switch
    {
        "settling" => string.Create(CultureInfo.InvariantCulture, $"  settling   {status.ElapsedSeconds,5:0}/{status.SettleSeconds:0} s   reading {Optional(status.Latest)}"),
        "averaging" => string.Create(CultureInfo.InvariantCulture, $"  averaging  {status.ElapsedSeconds - status.SettleSeconds,5:0}/{status.AverageSeconds:0} s   reading {Optional(status.Latest)}   mean {Optional(status.Mean)} (n={status.Samples})"),
        _ => $"  {status.State}" + (status.Error is null ? string.Empty : $": {status.Error}"),
    };

    private static int Apply(Call call, bool yes, string? reason)
    {
        if (call.AsJson && !yes)
        {
            throw new CommandException(ExitCodes.Usage, "apply with --json needs --yes (there is nobody to ask)", "usage");
        }

        var proposal = call.Ask<CalibrationProposal>(("action", "preview"));
        if (!call.AsJson)
        {
            var unit = proposal.Unit;
            var output = call.Console.Out;
            output.WriteLine($"{proposal.Channel} ({unit}): two-point calibration");
            output.WriteLine(PointLine("zero point", proposal.Zero));
            output.WriteLine(PointLine("span point", proposal.Span));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {string.Empty,-14} {"before",12} {"after",12}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"gain",-14} {Number(proposal.GainBefore),12} {Number(proposal.Gain),12}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"offset",-14} {Number(proposal.OffsetBefore),12} {Number(proposal.Offset),12}"));
            if (proposal.LatestBefore is { } before && proposal.LatestAfter is { } after)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"latest reading",-14} {Number(before),12} {Number(after),12}  {unit}"));
            }
        }

        if (!yes && !Confirm(call, "Apply these coefficients?"))
        {
            throw new CommandException(ExitCodes.Failed, "not applied (answer y to apply, or give --yes)", "not-confirmed");
        }

        var change = call.Ask<CalibrationChange>(("action", "apply"), ("zeroAt", Iso(proposal.Zero.At)), ("spanAt", Iso(proposal.Span.At)), ("reason", reason));
        PrintChange(call, change);
        return ExitCodes.Ok;
    }

    private static int Revert(Call call, bool yes, string? reason)
    {
        if (call.AsJson && !yes)
        {
            throw new CommandException(ExitCodes.Usage, "revert with --json needs --yes (there is nobody to ask)", "usage");
        }

        var history = call.Ask<List<CalibrationChange>>(("action", "history"));
        if (history.Count == 0)
        {
            throw new CommandException(ExitCodes.Failed, $"{call.Channel} was never calibrated here: there is nothing to revert", "invalid-argument");
        }

        var last = history[0];
        if (!call.AsJson)
        {
            call.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{call.Channel}: back to gain {Number(last.GainBefore)}, offset {Number(last.OffsetBefore)} (now gain {Number(last.Gain)}, offset {Number(last.Offset)}, set {Local(last.At)} by {last.User})"));
        }

        if (!yes && !Confirm(call, "Revert?"))
        {
            throw new CommandException(ExitCodes.Failed, "not reverted (answer y to revert, or give --yes)", "not-confirmed");
        }

        PrintChange(call, call.Ask<CalibrationChange>(("action", "revert"), ("reason", reason)));
        return ExitCodes.Ok;
    }

    private static int Cancel(Call call, string? reason)
    {
        var views = call.Ask<List<CalibrationView>>(("action", "cancel"), ("reason", reason));
        if (call.AsJson)
        {
            call.Console.Out.WriteLine(JsonSerializer.Serialize(views, CalibrationJsonContext.Default.ListCalibrationView));
            return ExitCodes.Ok;
        }

        call.Console.Out.WriteLine($"{call.Channel}: calibration cancelled; points dropped, readings no longer flagged C; gain {Number(views[0].Gain)}, offset {Number(views[0].Offset)} stay in force");
        return ExitCodes.Ok;
    }

    private static int Show(Call call)
    {
        var views = call.Channel == "all" ? call.Ask<List<CalibrationView>>(("action", "show"), ("channel", null)) : call.Ask<List<CalibrationView>>(("action", "show"));
        if (call.AsJson)
        {
            call.Console.Out.WriteLine(JsonSerializer.Serialize(views, CalibrationJsonContext.Default.ListCalibrationView));
            return ExitCodes.Ok;
        }

        var output = call.Console.Out;
        foreach (var view in views)
        {
            var changed = view.ChangedAt is { } at ? $"set {Local(at)} by {view.ChangedBy}" : "never calibrated here";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{view.Channel} ({view.Unit}): gain {Number(view.Gain)}, offset {Number(view.Offset)} — {changed}"));
            if (view.Zero is { } zero)
            {
                output.WriteLine(PointLine("zero point", zero));
            }

            if (view.Span is { } span)
            {
                output.WriteLine(PointLine("span point", span));
            }

            if (view.WindowUntil is { } until)
            {
                output.WriteLine($"  in calibration (flag C) until {Local(until)}");
            }

            if (view.Run is { IsFinished: false } run)
            {
                output.WriteLine(Line(run));
            }
        }

        return ExitCodes.Ok;
    }

    private static int History(Call call)
    {
        var history = call.Ask<List<CalibrationChange>>(("action", "history"));
        if (call.AsJson)
        {
            call.Console.Out.WriteLine(JsonSerializer.Serialize(history, CalibrationJsonContext.Default.ListCalibrationChange));
            return ExitCodes.Ok;
        }

        if (history.Count == 0)
        {
            call.Console.Out.WriteLine($"{call.Channel}: never calibrated here");
            return ExitCodes.Ok;
        }

        call.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"when",-19} {"action",-7} {"user",-10} {"gain",10} {"offset",10}  points"));
        foreach (var change in history)
        {
            var points = change.Zero is { } zero && change.Span is { } span
                ? string.Create(CultureInfo.InvariantCulture, $"zero {Number(zero.Reference)}→{Number(zero.Measured)}, span {Number(span.Reference)}→{Number(span.Measured)}")
                : string.Create(CultureInfo.InvariantCulture, $"was gain {Number(change.GainBefore)}, offset {Number(change.OffsetBefore)}");
            call.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Local(change.At),-19} {change.Action,-7} {change.User,-10} {Number(change.Gain),10} {Number(change.Offset),10}  {points}"));
        }

        return ExitCodes.Ok;
    }

    private static void PrintChange(Call call, CalibrationChange change)
    {
        if (call.AsJson)
        {
            call.Console.Out.WriteLine(JsonSerializer.Serialize(change, CalibrationJsonContext.Default.CalibrationChange));
            return;
        }

        var verb = change.Action == CalibrationChange.Applied ? "applied" : "reverted";
        call.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{call.Channel}: {verb}: gain {Number(change.Gain)}, offset {Number(change.Offset)} (were {Number(change.GainBefore)}, {Number(change.OffsetBefore)}); audited, and announced to the platform"));
    }

    private static bool Confirm(Call call, string question)
    {
        call.Console.Out.Write($"{question} [y/N] ");
        call.Console.Out.Flush();
        var answer = call.Console.Input.ReadLine();
        if (answer is null)
        {
            call.Console.Out.WriteLine();
        }

        return answer?.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static string PointLine(string name, MeasuredPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"  {name,-14} reference {Number(point.Reference),-10} read {Number(point.Measured),-12} (n={point.Samples}, sd {Number(point.StandardDeviation)})  {Local(point.At)} by {point.User}");

    private static TimeSpan Duration(string text, string option, bool allowZero)
    {
        if (!DurationParser.TryParse(text, out var duration) || duration < TimeSpan.Zero || (!allowZero && duration == TimeSpan.Zero))
        {
            throw new CommandException(ExitCodes.Usage, $"{option} '{text}' is not a duration such as 30s or 2m", "usage");
        }

        return duration;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Optional(double? value) => value is { } number ? Number(number) : "-";

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // One command's connection details; each request carries the channel.
    private sealed record Call(CliConsole Console, string Socket, string Channel, bool AsJson)
    {
        public T Ask<T>(params (string Name, object? Value)[] args)
        {
            var withChannel = args.Any(arg => arg.Name == "channel") ? args : [.. args, ("channel", Channel)];
            var result = ControlCall.Ask(Socket, "calibrate", ControlCall.Args(withChannel));
            return (T)(result.Deserialize(CalibrationJsonContext.Default.GetTypeInfo(typeof(T))!)
                ?? throw new CommandException(ExitCodes.Failed, "the gateway answered an empty result", "failed"));
        }
    }
}
