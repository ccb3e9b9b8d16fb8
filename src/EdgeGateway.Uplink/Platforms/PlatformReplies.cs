using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>Writes the gateway's side of a host request flow: 9011, the data packets (new QNs, CN = the request's), 9012, 9013.</summary>
internal sealed class PlatformReplies(PlatformLinkContext context, PlatformSession session, Hj212Packet request)
{
    public Hj212Packet Request => request;

    public PlatformSession Session => session;

    /// <summary>9011 with <paramref name="result"/>, echoing the request's QN.</summary>
    public Task AnswerAsync(Hj212QnRtn result) =>
        session.SendAsync(Hj212FrameEncoder.EncodeToUtf8(Hj212Replies.RequestAnswer(request, result, context.Options.Edition)));

    /// <summary>9012 with <paramref name="result"/>, echoing the request's QN.</summary>
    public Task FinishAsync(Hj212ExeRtn result) =>
        session.SendAsync(Hj212FrameEncoder.EncodeToUtf8(Hj212Replies.ExecutionResult(request, result, context.Options.Edition)));

    /// <summary>9013: the notification is taken.</summary>
    public Task NotificationAnsweredAsync() =>
        session.SendAsync(Hj212FrameEncoder.EncodeToUtf8(Hj212Replies.NotificationAnswer(request, context.Options.Edition)));

    /// <summary>A data packet of the flow: a new QN, CN = the request's, the gateway's ST, PW and MN; no reply asked.</summary>
    public Task SendDataAsync(Hj212DataArea cp)
    {
        var packet = new Hj212Packet
        {
            Qn = context.QnClock.Next(),
            St = context.Options.SystemCode,
            Cn = request.Cn,
            Pw = context.Pw,
            Mn = context.Mn,
            Flag = Hj212Flag.Create(context.Options.Edition),
            Cp = cp,
        };
        return session.SendAsync(Hj212FrameEncoder.EncodeToUtf8(packet));
    }
}
