using System.Globalization;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// Answers the platform's requests on the session (behaviour spec B 18-28): 9011 with the request's QN first (QnRtn 3
/// wrong PW, 4 wrong MN, 5 wrong ST, 8 unknown CN, 9 bad CRC, 2 rejected: not allowed or not supported), then any data
/// packets, then 9012; after a QnRtn other than 1 nothing follows. 2012/2022 are notifications, answered 9013 only.
/// Session commands are handled here, history (2031/2041/2051/2061; 2025: 2013, 2062) by <see cref="PlatformHistoryRequests"/>, device commands by
/// <see cref="PlatformDeviceRequests"/>. One request at a time per platform.
/// </summary>
internal sealed class PlatformRequestHandler(PlatformLinkContext context)
{
    private static readonly int[] MinuteIntervals = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

    private readonly PlatformHistoryRequests _history = new(context);
    private readonly PlatformDeviceRequests _devices = new(context);

    public async Task HandleAsync(PlatformSession session, PlatformInbound inbound)
    {
        var request = inbound.Packet;
        var command = request.Cn + (request.Cp.ItemCount > 0 ? " " + request.Cp : string.Empty);
        string outcome;
        try
        {
            outcome = await DispatchAsync(new PlatformReplies(context, session, request), inbound.CrcFailed).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.Ending.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            PlatformLinkLog.HostCommandFailed(context.Dependencies.Logger, context.Options.Name, command, exception);
            outcome = "failed: " + exception.Message;
        }

        context.Counters.Increment(PlatformLinkCounter.HostRequests);
        context.RecordHostCommand(command, outcome);
        PlatformLinkLog.HostCommand(context.Dependencies.Logger, context.Options.Name, command, outcome);
    }

    /// <summary>Answers 9011 with <paramref name="result"/> and nothing more.</summary>
    internal static async Task<string> RefuseAsync(PlatformReplies replies, Hj212QnRtn result)
    {
        await replies.AnswerAsync(result).ConfigureAwait(false);
        return "QnRtn=" + ((int)result).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>9011 QnRtn=1, the work (which may send data packets), 9012 with what it returns.</summary>
    internal static async Task<string> RunAsync(PlatformReplies replies, Func<Task<Hj212ExeRtn>> work)
    {
        await replies.AnswerAsync(Hj212QnRtn.ReadyToExecute).ConfigureAwait(false);
        var result = await work().ConfigureAwait(false);
        await replies.FinishAsync(result).ConfigureAwait(false);
        return "QnRtn=1, ExeRtn=" + ((int)result).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> DispatchAsync(PlatformReplies replies, bool crcFailed)
    {
        var request = replies.Request;
        if (crcFailed)
        {
            return await RefuseAsync(replies, Hj212QnRtn.CrcError).ConfigureAwait(false);
        }

        if (!string.Equals(request.Pw, context.Pw, StringComparison.Ordinal))
        {
            return await RefuseAsync(replies, Hj212QnRtn.PasswordWrong).ConfigureAwait(false);
        }

        if (!string.Equals(request.Mn, context.Mn, StringComparison.Ordinal))
        {
            return await RefuseAsync(replies, Hj212QnRtn.MnWrong).ConfigureAwait(false);
        }

        if (!IsOwnSystemCode(request.St))
        {
            return await RefuseAsync(replies, Hj212QnRtn.StWrong).ConfigureAwait(false);
        }

        if (!int.TryParse(request.Cn, NumberStyles.None, CultureInfo.InvariantCulture, out var cn))
        {
            return await RefuseAsync(replies, Hj212QnRtn.CnWrong).ConfigureAwait(false);
        }

        var cp = request.Cp;
        switch (cn)
        {
            case (int)Hj212CommandCode.StopRealTimeData:
                context.RealTimeOn = false;
                await replies.NotificationAnsweredAsync().ConfigureAwait(false);
                return "9013";
            case (int)Hj212CommandCode.StopEquipmentRunState:
                context.RunStateOn = false;
                await replies.NotificationAnsweredAsync().ConfigureAwait(false);
                return "9013";
            case (int)Hj212CommandCode.RealTimeData:
                return await RunAsync(replies, () => Done(() => context.RealTimeOn = true)).ConfigureAwait(false);
            case (int)Hj212CommandCode.EquipmentRunState:
                return await RunAsync(replies, () => Done(() => context.RunStateOn = true)).ConfigureAwait(false);
            case (int)Hj212CommandCode.SetTimeoutAndRetries:
                return await RunAsync(replies, () => Task.FromResult(SetTimeouts(replies.Session, cp))).ConfigureAwait(false);
            case (int)Hj212CommandCode.GetTime:
                return await RunAsync(replies, () => SendTimeAsync(replies, cp.GetValue(Hj212FieldNames.PolId))).ConfigureAwait(false);
            case (int)Hj212CommandCode.GetRealTimeInterval:
                return await RunAsync(replies, () => SendItemAsync(replies, Hj212FieldNames.RtdInterval, (int)context.RealTimeInterval.TotalSeconds)).ConfigureAwait(false);
            case (int)Hj212CommandCode.GetMinuteInterval:
                return await RunAsync(replies, () => SendItemAsync(replies, Hj212FieldNames.MinInterval, context.MinuteIntervalMinutes)).ConfigureAwait(false);
            case (int)Hj212CommandCode.SetRealTimeInterval:
                return await ChangeAsync(replies, PlatformCommandPermissions.SetIntervals, () => SetRealTimeInterval(cp)).ConfigureAwait(false);
            case (int)Hj212CommandCode.SetMinuteInterval:
                return await ChangeAsync(replies, PlatformCommandPermissions.SetIntervals, () => SetMinuteInterval(cp)).ConfigureAwait(false);
            case (int)Hj212CommandCode.SetPassword:
                return await ChangeAsync(replies, PlatformCommandPermissions.SetIdentity, () => SetPassword(cp)).ConfigureAwait(false);
            case 1002:
                return await ChangeAsync(replies, PlatformCommandPermissions.SetIdentity, () => SetMn(cp)).ConfigureAwait(false);
            case 1014:
                return await ChangeAsync(replies, PlatformCommandPermissions.SetIdentity, () => SetKey(cp)).ConfigureAwait(false);
            case (int)Hj212CommandCode.DayData or (int)Hj212CommandCode.EquipmentDayRunTime or (int)Hj212CommandCode.MinuteData or (int)Hj212CommandCode.HourData:
            case (int)Hj212CommandCode.RawData or (int)Hj212CommandCode.StandardCheckData when context.Is2025:
                return await _history.HandleAsync(replies, cn).ConfigureAwait(false);
            default:
                return await _devices.HandleAsync(replies, cn).ConfigureAwait(false);
        }
    }

    private async Task<string> ChangeAsync(PlatformReplies replies, PlatformCommandPermissions permission, Func<Hj212ExeRtn> change)
    {
        if (!context.Options.AllowedCommands.HasFlag(permission))
        {
            return await RefuseAsync(replies, Hj212QnRtn.Rejected).ConfigureAwait(false);
        }

        // 9011 and 9012 echo the request as it came (its PW), then the change applies to later packets.
        return await RunAsync(replies, () => Task.FromResult(change())).ConfigureAwait(false);
    }

    private static Task<Hj212ExeRtn> Done(Action action)
    {
        action();
        return Task.FromResult(Hj212ExeRtn.Success);
    }

    private static Hj212ExeRtn SetTimeouts(PlatformSession session, Hj212DataArea cp)
    {
        if (!cp.TryGetInt32(Hj212FieldNames.OverTime, out var overTime) || overTime is < 1 or > 99
            || !cp.TryGetInt32(Hj212FieldNames.ReCount, out var reCount) || reCount is < 1 or > 99)
        {
            return Hj212ExeRtn.RequestConditionError;
        }

        session.SetTimeouts(TimeSpan.FromSeconds(overTime), reCount);
        return Hj212ExeRtn.Success;
    }

    private async Task<Hj212ExeRtn> SendTimeAsync(PlatformReplies replies, string? polId)
    {
        var cp = new Hj212DataAreaBuilder();
        if (polId is not null)
        {
            cp.AddGroup(new Hj212DataItem(Hj212FieldNames.PolId, polId));
        }

        cp.AddGroup(new Hj212DataItem(Hj212FieldNames.SystemTime, Hj212Time.Format(context.SiteNow)));
        await replies.SendDataAsync(cp.Build()).ConfigureAwait(false);
        return Hj212ExeRtn.Success;
    }

    private static async Task<Hj212ExeRtn> SendItemAsync(PlatformReplies replies, string name, int value)
    {
        await replies.SendDataAsync(new Hj212DataAreaBuilder().AddItem(name, value.ToString(CultureInfo.InvariantCulture)).Build()).ConfigureAwait(false);
        return Hj212ExeRtn.Success;
    }

    private Hj212ExeRtn SetRealTimeInterval(Hj212DataArea cp)
    {
        if (!cp.TryGetInt32(Hj212FieldNames.RtdInterval, out var seconds) || seconds is < 30 or > 3600)
        {
            return Hj212ExeRtn.RequestConditionError;
        }

        context.Change(identity => identity with { RealTimeIntervalSeconds = seconds });
        return Hj212ExeRtn.Success;
    }

    private Hj212ExeRtn SetMinuteInterval(Hj212DataArea cp)
    {
        if (!cp.TryGetInt32(Hj212FieldNames.MinInterval, out var minutes) || !MinuteIntervals.Contains(minutes))
        {
            return Hj212ExeRtn.RequestConditionError;
        }

        context.Change(identity => identity with { MinuteIntervalMinutes = minutes });
        return Hj212ExeRtn.Success;
    }

    private Hj212ExeRtn SetPassword(Hj212DataArea cp)
    {
        var pw = cp.GetValue(Hj212FieldNames.NewPw);
        if (string.IsNullOrEmpty(pw) || pw.Contains('&', StringComparison.Ordinal))
        {
            return Hj212ExeRtn.RequestConditionError;
        }

        context.Change(identity => identity with { Pw = pw });
        return Hj212ExeRtn.Success;
    }

    // 1002 (2025): the platform assigns the MN, as i23005-Info.
    private Hj212ExeRtn SetMn(Hj212DataArea cp)
    {
        var mn = cp.GetValue("i23005-Info");
        if (string.IsNullOrEmpty(mn) || mn.Contains('&', StringComparison.Ordinal))
        {
            return Hj212ExeRtn.RequestConditionError;
        }

        context.Change(identity => identity with { Mn = mn });
        return Hj212ExeRtn.Success;
    }

    // 1014 (2025): SKCreateTime=…,NewSK=<16 characters>; kept for the encryption of later packets.
    private Hj212ExeRtn SetKey(Hj212DataArea cp)
    {
        var key = cp.GetValue("NewSK");
        if (key is not { Length: 16 } || !key.All(char.IsAscii))
        {
            return Hj212ExeRtn.RequestConditionError;
        }

        var hex = Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(key));
        var created = cp.TryGetTime(Hj212FieldNames.SkCreateTime, out var siteTime)
            ? new DateTimeOffset(DateTime.SpecifyKind(siteTime, DateTimeKind.Unspecified), context.Options.SiteOffset)
            : context.Time.GetUtcNow();
        context.Change(identity => identity with { EncryptionKeyHex = hex, EncryptionKeyCreatedAt = created });
        return Hj212ExeRtn.Success;
    }

    // Requests carry the station's ST (a system code of the platform's outlets) or 91 (interaction).
    private bool IsOwnSystemCode(string st) =>
        st == "91" || st == context.Options.SystemCode || context.Options.SystemCodeByOutlet.Values.Contains(st);
}
