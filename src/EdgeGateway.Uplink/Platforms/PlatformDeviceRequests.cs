using System.Globalization;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// The host commands that act on the cabinet (1012, 3011-3013, 3015, 3019-3022, 3024), passed to
/// <see cref="IPlatformDeviceCommands"/> with the platform as the caller. A command the configuration does not allow,
/// or any of them when the service gave no device commands, is answered <c>QnRtn=2</c>; a CN the gateway does not
/// know <c>QnRtn=8</c>; a request missing what it needs (PolId, SystemTime …) <c>ExeRtn=3</c>.
/// </summary>
internal sealed class PlatformDeviceRequests(PlatformLinkContext context)
{
    public async Task<string> HandleAsync(PlatformReplies replies, int cn)
    {
        PlatformCommandPermissions? permission = cn switch
        {
            (int)Hj212CommandCode.SetTime => PlatformCommandPermissions.SetTime,
            (int)Hj212CommandCode.ZeroAndSpanCalibration or 3024 => PlatformCommandPermissions.Calibration,
            (int)Hj212CommandCode.ImmediateSampling or (int)Hj212CommandCode.StartCleaning => PlatformCommandPermissions.AnalyzerRoutines,
            (int)Hj212CommandCode.SampleRetention or 3022 => PlatformCommandPermissions.RetainSample,
            (int)Hj212CommandCode.InstrumentId or (int)Hj212CommandCode.FieldInformation => PlatformCommandPermissions.None,
            (int)Hj212CommandCode.SetFieldParameter => PlatformCommandPermissions.SetInformation,
            _ => null,
        };
        if (permission is not { } needed)
        {
            return await PlatformRequestHandler.RefuseAsync(replies, Hj212QnRtn.CnWrong).ConfigureAwait(false);
        }

        var devices = context.Dependencies.DeviceCommands;
        if (devices is null || (needed != PlatformCommandPermissions.None && !context.Options.AllowedCommands.HasFlag(needed)))
        {
            return await PlatformRequestHandler.RefuseAsync(replies, Hj212QnRtn.Rejected).ConfigureAwait(false);
        }

        return await PlatformRequestHandler.RunAsync(replies, () => ExecuteAsync(replies, devices, cn)).ConfigureAwait(false);
    }

    private async Task<Hj212ExeRtn> ExecuteAsync(PlatformReplies replies, IPlatformDeviceCommands devices, int cn)
    {
        var request = replies.Request;
        var cp = request.Cp;
        var caller = new PlatformCaller(context.Options.Name, replies.Session.RemoteAddress, request.Qn ?? string.Empty);
        var cancellation = replies.Session.Ending;
        var polId = cp.GetValue(Hj212FieldNames.PolId);
        switch (cn)
        {
            case (int)Hj212CommandCode.SetTime:
                if (!cp.TryGetTime(Hj212FieldNames.SystemTime, out var systemTime))
                {
                    return Hj212ExeRtn.RequestConditionError;
                }

                var utc = new DateTimeOffset(DateTime.SpecifyKind(systemTime, DateTimeKind.Unspecified), context.Options.SiteOffset).ToUniversalTime();
                return (await devices.SetTimeAsync(caller, polId, utc, cancellation).ConfigureAwait(false)).ExeRtn;

            case (int)Hj212CommandCode.SampleRetention or 3022:
                var sample = await devices.RetainSampleAsync(caller, polId, cancellation).ConfigureAwait(false);
                if (cn == (int)Hj212CommandCode.SampleRetention && sample.Result.Succeeded && sample is { VaseNo: { } vase, DataTime: { } taken })
                {
                    await replies.SendDataAsync(new Hj212DataAreaBuilder()
                        .AddGroup(new Hj212DataItem(Hj212FieldNames.DataTime, Hj212Time.Format(taken.ToOffset(context.Options.SiteOffset).DateTime)))
                        .AddGroup(new Hj212DataItem(Hj212FieldNames.VaseNo, vase.ToString(CultureInfo.InvariantCulture)))
                        .Build()).ConfigureAwait(false);
                }

                return sample.Result.ExeRtn;
        }

        if (string.IsNullOrEmpty(polId))
        {
            return Hj212ExeRtn.RequestConditionError;
        }

        var infoId = cp.GetValue(Hj212FieldNames.InfoId);
        switch (cn)
        {
            case (int)Hj212CommandCode.InstrumentId or (int)Hj212CommandCode.FieldInformation:
                var information = await devices.GetInformationAsync(caller, polId, cn == (int)Hj212CommandCode.FieldInformation ? infoId : null, cancellation).ConfigureAwait(false);
                if (information.Result.Succeeded && information.Items.Count > 0)
                {
                    var data = new Hj212DataAreaBuilder().AddGroup(new Hj212DataItem(Hj212FieldNames.PolId, polId));
                    foreach (var item in information.Items)
                    {
                        data.AddGroup(new Hj212DataItem(item.Key, item.Value));
                    }

                    await replies.SendDataAsync(data.Build()).ConfigureAwait(false);
                }

                return information.Result.ExeRtn;

            case (int)Hj212CommandCode.SetFieldParameter:
                var value = infoId is null ? null : cp.GetValue(infoId + "-Info");
                if (infoId is null || value is null)
                {
                    return Hj212ExeRtn.RequestConditionError;
                }

                return (await devices.SetInformationAsync(caller, polId, infoId, value, cancellation).ConfigureAwait(false)).ExeRtn;

            default:
                var routine = cn switch
                {
                    (int)Hj212CommandCode.ImmediateSampling => PlatformRoutine.ImmediateSampling,
                    (int)Hj212CommandCode.StartCleaning => PlatformRoutine.Cleaning,
                    3024 => PlatformRoutine.StandardCheck,
                    _ => cp.GetValue("CalibrationType") == "1" ? PlatformRoutine.SpanCalibration : PlatformRoutine.ZeroCalibration,
                };
                return (await devices.RunRoutineAsync(caller, polId, routine, cancellation).ConfigureAwait(false)).ExeRtn;
        }
    }
}
