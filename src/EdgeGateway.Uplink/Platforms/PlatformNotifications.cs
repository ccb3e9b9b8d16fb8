using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// The data logger's own notifications, each answered 9013 (Flag bit 0 set whatever
/// <see cref="PlatformOptions.RepliesWanted"/> says, as the standard writes them): after each connect, behind the
/// 2081, the 1001 hardware identity (2025), the 1014 key request (2025, when the link encrypts) and the 1013
/// time-calibration request (when configured), one after the other; then the 1013 again every
/// <see cref="PlatformOptions.TimeCalibrationRequestInterval"/>. They are not data: an unanswered one (after ReCount
/// re-sends, like any exchange) ends the session as an unanswered heartbeat does, and none is kept to be sent later.
/// </summary>
internal sealed class PlatformNotifications(PlatformLinkContext context)
{
    /// <summary>Whether the 1013 is repeated during a session (<see cref="RepeatTimeCalibrationAsync"/> has work).</summary>
    public bool RepeatsTimeCalibration => context.Options.TimeCalibrationRequestInterval is not null;

    /// <summary>1001, 1014 and 1013 as this platform wants them; false when one went unanswered (the session ends).</summary>
    public async Task<bool> SendAfterConnectAsync(PlatformSession session)
    {
        var options = context.Options;
        if (context.Is2025 && options.SendHardwareIdentity && context.Dependencies.HardwareIdentity is { } hardware)
        {
            var identity = Hj212Uploads.HardwareIdentity(context.Station(), context.QnClock.Next(), options.LoggerId ?? context.Mn, hardware.CpuId, hardware.FirstMac, hardware.SecondMac);
            if (!await NotifyAsync(session, identity, "the 1001 hardware identity").ConfigureAwait(false))
            {
                return false;
            }
        }

        if (context.Is2025 && options.SendKeyRequest && context.Cipher is not null)
        {
            var created = context.EncryptionKeyCreatedAt.ToOffset(options.SiteOffset).DateTime;
            var request = Hj212Uploads.KeyRequest(context.Station(), context.QnClock.Next(), created);
            if (!await NotifyAsync(session, request, "the 1014 key request").ConfigureAwait(false))
            {
                return false;
            }
        }

        return !RepeatsTimeCalibration || await RequestTimeCalibrationAsync(session).ConfigureAwait(false);
    }

    /// <summary>A 1013 every <see cref="PlatformOptions.TimeCalibrationRequestInterval"/> after the session started, until it ends.</summary>
    public async Task RepeatTimeCalibrationAsync(PlatformSession session)
    {
        if (context.Options.TimeCalibrationRequestInterval is not { } interval)
        {
            return;
        }

        while (true)
        {
            await Task.Delay(interval, context.Time, session.Ending).ConfigureAwait(false);
            if (!await RequestTimeCalibrationAsync(session).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private Task<bool> RequestTimeCalibrationAsync(PlatformSession session) =>
        NotifyAsync(session, Hj212Uploads.TimeCalibrationRequest(context.Station(), context.QnClock.Next()), "the 1013 time-calibration request");

    private async Task<bool> NotifyAsync(PlatformSession session, Hj212Packet packet, string what)
    {
        if (await session.ExchangeAsync(Hj212FrameEncoder.EncodeToUtf8(packet), packet.Qn!, replyWanted: true).ConfigureAwait(false))
        {
            return true;
        }

        session.Fail($"{what} was not answered after {session.ReCount} re-sends");
        return false;
    }
}
