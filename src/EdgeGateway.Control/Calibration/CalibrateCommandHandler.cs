using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Calibration;

namespace EdgeGateway.Control.Calibration;

/// <summary>
/// The control protocol's <c>calibrate</c> command: reads the arguments, calls the <see cref="Calibrator"/>, and
/// answers with its result or an <c>invalid-argument</c> error that says what to do instead.
/// </summary>
/// <remarks>
/// Arguments: <c>action</c> (zero, span, progress, cancel, preview, apply, revert, show, history), <c>channel</c>
/// (optional for show), and per action <c>reference</c>, <c>settleSeconds</c>, <c>averageSeconds</c>, <c>zeroAt</c>,
/// <c>spanAt</c>, <c>reason</c>. See docs/control-protocol.md.
/// </remarks>
public sealed class CalibrateCommandHandler(Calibrator calibrator)
{
    /// <summary>Used when a zero or span request gives no settle time.</summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(60);

    /// <summary>Used when a zero or span request gives no averaging time.</summary>
    public static readonly TimeSpan DefaultAverage = TimeSpan.FromSeconds(30);

    public ControlResponse Handle(ControlRequest request, ControlCaller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = request.Args is { ValueKind: JsonValueKind.Object } present ? present : default;
        var action = ControlArgs.Text(args, "action");
        var channel = ControlArgs.Text(args, "channel");
        if (action is null)
        {
            return ControlResponse.InvalidArgument(request, "action is one of zero, span, progress, cancel, apply, preview, revert, show, history");
        }

        if (channel is null && action != "show")
        {
            return ControlResponse.InvalidArgument(request, "channel is required (device.channel, e.g. cems.so2)");
        }

        var reason = ControlArgs.Text(args, "reason");
        switch (action)
        {
            case "zero" or "span":
                if (!TryNumber(args, "reference", out var reference) || reference is null)
                {
                    return ControlResponse.InvalidArgument(request, "reference (a number, in the channel's unit) is required");
                }

                if (!TryNumber(args, "settleSeconds", out var settle) || !TryNumber(args, "averageSeconds", out var average))
                {
                    return ControlResponse.InvalidArgument(request, "settleSeconds and averageSeconds are numbers of seconds");
                }

                return calibrator.TryStart(channel!, action, reference.Value, settle is { } s ? TimeSpan.FromSeconds(s) : DefaultSettle, average is { } a ? TimeSpan.FromSeconds(a) : DefaultAverage, caller, out var started, out var error)
                    ? Success(request, JsonSerializer.SerializeToElement(started!, CalibrationJsonContext.Default.CalibrationRunStatus))
                    : ControlResponse.InvalidArgument(request, error!);
            case "progress":
                return calibrator.Progress(channel!) is { } progress
                    ? Success(request, JsonSerializer.SerializeToElement(progress, CalibrationJsonContext.Default.CalibrationRunStatus))
                    : ControlResponse.InvalidArgument(request, $"no measurement on {channel} since the service started");
            case "cancel":
                return calibrator.TryCancel(channel!, caller, reason, out var view, out error)
                    ? Success(request, JsonSerializer.SerializeToElement([view!], CalibrationJsonContext.Default.ListCalibrationView))
                    : ControlResponse.InvalidArgument(request, error!);
            case "preview":
                return calibrator.TryPreview(channel!, out var proposal, out error)
                    ? Success(request, JsonSerializer.SerializeToElement(proposal!, CalibrationJsonContext.Default.CalibrationProposal))
                    : ControlResponse.InvalidArgument(request, error!);
            case "apply":
                if (!TryTime(args, "zeroAt", out var zeroAt) || !TryTime(args, "spanAt", out var spanAt))
                {
                    return ControlResponse.InvalidArgument(request, "zeroAt and spanAt are ISO 8601 times (the points' 'at' as preview showed them)");
                }

                return calibrator.TryApply(channel!, caller, zeroAt, spanAt, reason, out var applied, out error)
                    ? Success(request, JsonSerializer.SerializeToElement(applied!, CalibrationJsonContext.Default.CalibrationChange))
                    : ControlResponse.InvalidArgument(request, error!);
            case "revert":
                return calibrator.TryRevert(channel!, caller, reason, out var reverted, out error)
                    ? Success(request, JsonSerializer.SerializeToElement(reverted!, CalibrationJsonContext.Default.CalibrationChange))
                    : ControlResponse.InvalidArgument(request, error!);
            case "show":
                if (channel is not null && calibrator.TryHistory(channel, out _, out error) is false)
                {
                    return ControlResponse.InvalidArgument(request, error!);
                }

                return Success(request, JsonSerializer.SerializeToElement([.. calibrator.Show(channel)], CalibrationJsonContext.Default.ListCalibrationView));
            case "history":
                return calibrator.TryHistory(channel!, out var history, out error)
                    ? Success(request, JsonSerializer.SerializeToElement([.. history], CalibrationJsonContext.Default.ListCalibrationChange))
                    : ControlResponse.InvalidArgument(request, error!);
            default:
                return ControlResponse.InvalidArgument(request, $"unknown action '{action}'; it is one of zero, span, progress, cancel, apply, preview, revert, show, history");
        }
    }

    private static ControlResponse Success(ControlRequest request, JsonElement result) => ControlResponse.Success(request.Id, result);

    // False when present but not a finite number; value null when absent.
    private static bool TryNumber(JsonElement args, string name, out double? value)
    {
        value = null;
        if (args.ValueKind != JsonValueKind.Object || !args.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return false;
        }

        value = number;
        return true;
    }

    private static bool TryTime(JsonElement args, string name, out DateTimeOffset? value)
    {
        value = null;
        if (ControlArgs.Text(args, name) is not { } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
