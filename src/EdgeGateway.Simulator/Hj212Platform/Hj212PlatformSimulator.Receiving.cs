using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Framing;
using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;
/// <summary>Reading a logger's stream: frames cut, decrypted, checked, recorded and answered.</summary>
public sealed partial class Hj212PlatformSimulator
{
    private async Task ReadAsync(Hj212PlatformConnection connection)
    {
        var buffer = new byte[(2 * _options.MaxFrameBytes) + 4096];
        var count = 0;
        try
        {
            while (true)
            {
                var read = await connection.Stream.ReadAsync(buffer.AsMemory(count), connection.Closing).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                count += read;
                var position = 0;
                while (position < count)
                {
                    var search = Hj212StreamFramer.Find(buffer.AsSpan(position, count - position), _options.MaxFrameBytes);
                    if (search.SkipBytes > 0)
                    {
                        RecordJunk(connection, buffer.AsSpan(position, search.SkipBytes));
                    }

                    position += search.SkipBytes;
                    if (!search.Found)
                    {
                        break;
                    }

                    var frame = buffer.AsMemory(position, search.FrameLength).ToArray();
                    position += search.FrameLength;
                    await ProcessAsync(connection, frame).ConfigureAwait(false);
                }

                buffer.AsSpan(position, count - position).CopyTo(buffer);
                count -= position;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The logger hung up, the test closed the connection, or the simulator stops.
        }
        finally
        {
            if (connection.MarkClosed(_options.Time.GetUtcNow()))
            {
                _checker.Forget(connection.Id);
                connection.Close();
                Signal();
            }
        }
    }

    private async Task ProcessAsync(Hj212PlatformConnection connection, byte[] frame)
    {
        var plain = _options.DecryptFrame is { } decrypt ? decrypt(frame)
            : _cipher is not null && _cipher.TryDecryptFrame(frame, out var decrypted, out _) ? decrypted
            : frame;
        var decoded = Hj212FrameDecoder.Decode(plain.Span);
        var packet = decoded.Packet;
        Hj212ReceivedPacket record;

        // One frame at a time, from the check to the publication, so OnReceived sees frames in sequence order; and
        // OnReceived runs before the frame is in Received, so whoever waits for a frame finds the callback done with it.
        lock (_receiving)
        {
            var check = _checker.Check(connection.Id, decoded, _options.ExpectedMn, ExpectedPw);
            var arrivedAt = _options.Time.GetUtcNow();
            record = new Hj212ReceivedPacket
            {
                Sequence = ++_nextSequence,
                ConnectionId = connection.Id,
                ArrivedAt = arrivedAt,
                Raw = Encoding.UTF8.GetString(frame),
                Packet = packet,
                UncheckedPacket = decoded.UncheckedPacket,
                DecodeError = decoded.Error,
                HeaderOrder = check.HeaderOrder,
                Rf = check.Rf,
                IsRepeat = check.IsRepeat,
                Problems = check.Problems,
            };
            connection.Saw(packet?.Mn, packet?.St, packet?.Pw);
            _options.OnReceived?.Invoke(record);
            if (packet is not null)
            {
                Store.Add(packet, check.IsRepeat);
            }

            lock (_gate)
            {
                _received.Add(record);
                foreach (var problem in check.Problems)
                {
                    _problems.Add(new Hj212PlatformProblem(connection.Id, arrivedAt, record.Sequence, record.Cn, record.Qn, problem));
                }
            }
        }

        Signal();
        if (packet is not null)
        {
            await AnswerAsync(connection, record, packet).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(Hj212PlatformConnection connection, Hj212ReceivedPacket record, Hj212Packet packet)
    {
        var taken = false;
        foreach (var pending in connection.Pending())
        {
            if (pending.Offer(packet))
            {
                taken = true;
                break;
            }
        }

        if (packet.Cn is "9011" or "9012" or "9013" or "9014")
        {
            if (!taken)
            {
                AddProblem(connection, record, packet.Cn == "9014"
                    ? "9014 from the logger, but the platform sent nothing that wants one"
                    : $"{packet.Cn} answers QN {packet.Qn}, which no host command of this platform is waiting for");
            }

            return;
        }

        Hj212Packet? reply = null;
        if (NotificationCns.Contains(packet.Cn, StringComparer.Ordinal))
        {
            reply = Hj212Replies.NotificationAnswer(packet, _options.Edition);
        }
        else if (packet.Flag is { AcknowledgementRequired: true })
        {
            reply = Hj212Replies.DataAnswer(packet, _options.Edition);
        }

        if (reply is not null)
        {
            await ReplyAsync(connection, record, reply).ConfigureAwait(false);
        }

        if (packet.Cn == "1013" && _options.SetTimeAfterCalibrationRequest)
        {
            var siteNow = _options.Time.GetUtcNow().ToOffset(_options.SiteOffset).DateTime;
            var cp = new Hj212DataAreaBuilder();
            if (packet.Cp.GetValue(Hj212FieldNames.PolId) is { } polId)
            {
                cp.AddItem(Hj212FieldNames.PolId, polId);
            }

            cp.AddItem(Hj212FieldNames.SystemTime, Hj212Time.Format(siteNow));
            var setTime = CreateCommand(connection, "1012", cp.Build());
            RunInBackground(() => ExchangeAsync(connection, setTime, isNotification: false, timeout: null, _stop.Token));
        }
    }

    private async Task ReplyAsync(Hj212PlatformConnection connection, Hj212ReceivedPacket record, Hj212Packet reply)
    {
        var fate = Faults.Decide(record.Cn!);
        if (fate.Drop)
        {
            return;
        }

        if (fate.WrongQn)
        {
            var qn = _qnClock.Next();
            reply = reply with { Qn = qn == reply.Qn ? _qnClock.Next() : qn };
        }

        if (fate.Delay > TimeSpan.Zero)
        {
            RunInBackground(async () =>
            {
                await Task.Delay(fate.Delay, _options.Time, connection.Closing).ConfigureAwait(false);
                await SendAsync(connection, reply, record.Sequence, CancellationToken.None).ConfigureAwait(false);
            });
            return;
        }

        await SendAsync(connection, reply, record.Sequence, CancellationToken.None).ConfigureAwait(false);
    }
}
