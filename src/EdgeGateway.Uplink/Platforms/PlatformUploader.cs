using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// A session's uploads: first the 2081 (once per process start) and the notifications after a connect
/// (<see cref="PlatformNotifications.SendAfterConnectAsync"/>), then live records (appended since the session
/// started) before the backlog (what was owed when it started), the backlog taking at most
/// <see cref="PlatformOptions.BacklogShare"/> of the sends while live records wait; a 9015 heartbeat after
/// <see cref="PlatformOptions.HeartbeatInterval"/> without a send. Sends one packet at a time: with replies wanted
/// the next goes only after the 9014 of the previous (stop and wait, as the standard's exchanges are). An exchange
/// unanswered after ReCount re-sends ends the session; its records stay owed and come again from the next backlog.
/// </summary>
internal sealed class PlatformUploader(PlatformLinkContext context, Func<bool> restartOwed, Action restartSent, Func<PlatformSession, Task<bool>> afterConnect)
{
    public async Task RunAsync(PlatformSession session)
    {
        var options = context.Options;
        if (restartOwed() && !await SendRestartAsync(session).ConfigureAwait(false))
        {
            return;
        }

        if (!await afterConnect(session).ConfigureAwait(false))
        {
            return;
        }

        var durability = context.Dependencies.Durability;
        var durableAtStart = durability.Sequence;
        var minuteWindows = new PlatformMinuteWindows(context);
        var live = new PlatformRecordStream(context, durableAtStart, fromBacklog: false, minuteWindows);
        var backlog = new PlatformRecordStream(context, 0, fromBacklog: true, minuteWindows);
        long liveSent = 0;
        long backlogSent = 0;
        var lastSendAt = context.Time.GetTimestamp();
        while (!session.Ending.IsCancellationRequested)
        {
            var seenDurable = durability.Sequence;
            var next = live.Peek(seenDurable);
            var stream = live;
            var backlogNext = backlog.Peek(durableAtStart);
            if (backlogNext is not null && (next is null || backlogSent + 1 <= options.BacklogShare * (liveSent + backlogSent + 1)))
            {
                next = backlogNext;
                stream = backlog;
            }

            if (next is null)
            {
                if (await WaitForWorkAsync(session, seenDurable, lastSendAt).ConfigureAwait(false))
                {
                    if (!await SendHeartbeatAsync(session).ConfigureAwait(false))
                    {
                        return;
                    }

                    lastSendAt = context.Time.GetTimestamp();
                }

                continue;
            }

            foreach (var frame in next.Frames)
            {
                if (!await session.ExchangeAsync(frame, PlatformFrames.QnOf(frame), options.RepliesWanted).ConfigureAwait(false))
                {
                    session.Fail($"an upload was not answered after {session.ReCount} re-sends");
                    return;
                }
            }

            stream.Complete(next);
            lastSendAt = context.Time.GetTimestamp();
            if (next.FromBacklog)
            {
                backlogSent++;
                context.Counters.Add(PlatformLinkCounter.BacklogResent, next.RecordCount);
            }
            else
            {
                liveSent++;
            }
        }
    }

    // True when the heartbeat is due; false when more became durable (or the session ends).
    private async Task<bool> WaitForWorkAsync(PlatformSession session, long seenDurable, long lastSendAt)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(session.Ending);
        var more = context.Dependencies.Durability.WaitBeyondAsync(seenDurable, wake.Token);
        if (context.Options.HeartbeatInterval is not { } heartbeat)
        {
            await more.ConfigureAwait(false);
            return false;
        }

        var wait = heartbeat - context.Time.GetElapsedTime(lastSendAt);
        var due = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, context.Time, wake.Token);
        var first = await Task.WhenAny(more, due).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        session.Ending.ThrowIfCancellationRequested();
        return first == due && !more.IsCompletedSuccessfully;
    }

    private async Task<bool> SendHeartbeatAsync(PlatformSession session)
    {
        var packet = new Hj212Packet
        {
            Qn = context.QnClock.Next(),
            St = context.Options.SystemCode,
            Cn = "9015",
            Pw = context.Pw,
            Mn = context.Mn,
            Flag = Hj212Flag.Create(context.Options.Edition, context.Options.RepliesWanted),
        };
        if (await session.ExchangeAsync(Hj212FrameEncoder.EncodeToUtf8(packet), packet.Qn, context.Options.RepliesWanted).ConfigureAwait(false))
        {
            return true;
        }

        session.Fail($"a heartbeat was not answered after {session.ReCount} re-sends");
        return false;
    }

    private async Task<bool> SendRestartAsync(PlatformSession session)
    {
        var now = context.SiteNow;
        var started = context.Dependencies.SoftwareStartedAt.ToOffset(context.Options.SiteOffset).DateTime;
        var packet = Hj212Uploads.Restart(context.Station(), context.QnClock.Next(), now, started, context.Options.RepliesWanted);
        if (await session.ExchangeAsync(Hj212FrameEncoder.EncodeToUtf8(packet), packet.Qn!, context.Options.RepliesWanted).ConfigureAwait(false))
        {
            restartSent();
            return true;
        }

        session.Fail($"the 2081 restart upload was not answered after {session.ReCount} re-sends");
        return false;
    }
}
