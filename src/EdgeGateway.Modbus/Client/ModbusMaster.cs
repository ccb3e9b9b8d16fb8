using System.Diagnostics;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Client;

/// <summary>
/// A Modbus master on one bus: sends a request, finds its answer among whatever the line carries, retries.
/// </summary>
/// <remarks>
/// <para>One master owns one transport; calls are serialised (a bus carries one transaction at a time).</para>
/// <para>
/// Matching. A late answer must never be taken as the answer to the next request. Modbus TCP carries a
/// transaction id, and answers with another id are dropped. RTU has none, so the master (1) keeps the line
/// quiet for t3.5 plus the configured gap before sending and drops anything heard meanwhile, (2) listens to the
/// line for <see cref="ModbusMasterOptions.LateAnswerGuard"/> after a timeout and drops what arrives, (3) accepts
/// only a frame from the addressed slave that fits the request, and (4) after a complete frame, waits for t3.5 of
/// silence: if another matching frame follows, the first was a late answer and the later one wins. With
/// <see cref="ModbusMasterOptions.StreamFraming"/> (RTU over TCP) the silences of (1) and (4) are kept only while a
/// late answer may still come, after a request that went unanswered: a device answers each request once, so after an
/// answered one there is nothing late to wait for, and a stream shows no line timing to honour.
/// </para>
/// </remarks>
public sealed class ModbusMaster : IModbusExchange, IDisposable
{
    private const int BufferSize = 512;

    private readonly IModbusTransport _transport;
    private readonly IModbusFramer _framer;
    private readonly ModbusMasterOptions _options;
    private readonly Lock _gate = new();
    private readonly byte[] _tx = new byte[BufferSize];
    private readonly byte[] _rx = new byte[BufferSize];
    private ushort _transactionId;
    private long _lastActivity;

    // Whether an answer to an earlier request may still arrive: after a request that went unanswered, and after
    // (re)opening the port. Only a stream-framed line (StreamFraming) skips its silences while this is false.
    private bool _lateAnswerPossible = true;

    // Whether the last exchange took its answer by transaction id and left no byte of the stream unread: the stream
    // then stands at a frame boundary, and the next request need not empty it first (see WaitForQuietLine).
    private bool _answeredOnFrameBoundary;

    public ModbusMaster(IModbusTransport transport, IModbusFramer framer, ModbusMasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(framer);
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _framer = framer;
        _options = options;
    }

    public IModbusTransport Transport => _transport;

    public ModbusMasterOptions Options => _options;

    public ModbusMasterStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    /// <remarks>Unit 0 is a broadcast on RTU: nothing is awaited. A closed port is opened first.</remarks>
    public ModbusResult Execute(byte unitId, ReadOnlySpan<byte> requestPdu, Span<byte> responsePdu, out int responseLength, ModbusCallOptions? call = null)
    {
        var timeout = call?.Timeout ?? _options.Timeout;
        var retries = call?.Retries ?? _options.Retries;
        lock (_gate)
        {
            var result = default(ModbusResult);
            responseLength = 0;
            for (var attempt = 1; attempt <= retries + 1; attempt++)
            {
                result = ExecuteOnce(unitId, requestPdu, responsePdu, out responseLength, timeout);
                Statistics.AddOutcome(result.Error);
                if (result.IsSuccess || result.Error == ModbusErrorKind.Exception)
                {
                    return result.WithAttempts(attempt);
                }
            }

            return result.WithAttempts(retries + 1);
        }
    }

    public void Dispose() => _transport.Dispose();

    private ModbusResult ExecuteOnce(byte unitId, ReadOnlySpan<byte> requestPdu, Span<byte> responsePdu, out int responseLength, TimeSpan timeout)
    {
        responseLength = 0;
        try
        {
            if (!_transport.IsOpen)
            {
                _transport.Open();
                _lastActivity = Stopwatch.GetTimestamp();
                _lateAnswerPossible = true;
                _answeredOnFrameBoundary = false;
            }

            var onFrameBoundary = _answeredOnFrameBoundary;
            _answeredOnFrameBoundary = false;
            WaitForQuietLine(timeout, onFrameBoundary);
            var transactionId = ++_transactionId;
            var frameLength = _framer.Encode(_tx, unitId, transactionId, requestPdu);
            _transport.Write(_tx.AsSpan(0, frameLength));
            _lastActivity = Stopwatch.GetTimestamp();
            Statistics.AddRequest(frameLength);

            if (unitId == 0 && !_framer.HasTransactionId)
            {
                // A broadcast: no slave answers; give them time to act before the next request.
                SleepListening(_options.TurnaroundDelay);
                return ModbusResult.Success(unitId);
            }

            var result = ReceiveAnswer(unitId, transactionId, requestPdu, frameLength, responsePdu, out responseLength, timeout);
            _lateAnswerPossible = !(result.IsSuccess || result.Error == ModbusErrorKind.Exception);
            return result;
        }
        catch (ModbusTransportException e)
        {
            _lateAnswerPossible = true;
            _transport.Close();
            return ModbusResult.Failure(ModbusErrorKind.Transport, unitId, e.Message);
        }
    }

    /// <summary>
    /// Waits until the line has been quiet for t3.5 plus the configured gap; whatever is heard meanwhile is stale.
    /// Then empties the input, unless <paramref name="onFrameBoundary"/> and nothing was heard.
    /// </summary>
    /// <remarks>
    /// Emptying the input is a system call per request on TCP (ioctl FIONREAD), needed where a stale answer could pass
    /// for the next one. With transaction ids (Modbus TCP) it cannot: every answer names its request, so a late answer
    /// that is read with the next one is dropped as stale by <see cref="ReceiveAnswer"/>. What the ids cannot survive
    /// is a stream out of step, a request read from the middle of a frame; the stream is in step after an exchange
    /// that ended on a whole answer with no byte left over (<paramref name="onFrameBoundary"/>), so only then is the
    /// emptying skipped. After a timeout, a partial answer, bytes left over, a reconnect or bytes heard during the
    /// gap, the input is emptied as before. RTU (on a line or over TCP) carries no transaction id: a late answer from
    /// the same slave to the same request looks exactly like the next answer, so the input is always emptied there.
    /// </remarks>
    private void WaitForQuietLine(TimeSpan limit, bool onFrameBoundary)
    {
        var silence = KeepsSilences ? _options.FrameSilence : TimeSpan.Zero;
        var gap = silence > _options.InterRequestGap ? silence : _options.InterRequestGap;
        if (gap > TimeSpan.Zero)
        {
            var giveUp = Stopwatch.GetTimestamp() + ToTicks(limit);
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                var quiet = Stopwatch.GetElapsedTime(_lastActivity, now);
                if (quiet >= gap || now >= giveUp)
                {
                    // A line that never falls quiet (another master, a babbling device) must not stop us for ever.
                    break;
                }

                var heard = _transport.Read(_rx, gap - quiet);
                if (heard > 0)
                {
                    Statistics.AddDiscarded(heard);
                    _lastActivity = Stopwatch.GetTimestamp();
                    onFrameBoundary = false;
                }
            }
        }

        if (!(onFrameBoundary && _framer.HasTransactionId))
        {
            Statistics.AddDiscarded(_transport.DiscardInput());
        }
    }

    private ModbusResult ReceiveAnswer(byte unitId, ushort transactionId, ReadOnlySpan<byte> requestPdu, int requestFrameLength, Span<byte> responsePdu, out int responseLength, TimeSpan timeout)
    {
        responseLength = 0;
        var deadline = _lastActivity + ToTicks(timeout);
        var endSilence = _options.FrameSilence > TimeSpan.Zero ? _options.FrameSilence : TimeSpan.FromMilliseconds(1);
        var filled = 0;
        var echoPending = _options.DiscardEcho;
        var haveCandidate = false;
        var candidate = default(ModbusResponseCheck);
        var candidateLength = 0;
        var crcSeen = false;

        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var remaining = TimeSpan.FromTicks(Math.Max(0, (long)((deadline - now) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency))));
            var waitingForSilence = (haveCandidate || crcSeen) && !_framer.HasTransactionId;
            if (haveCandidate && !_framer.HasTransactionId && !KeepsSilences)
            {
                // A stream with nothing late to come: the complete answer stands without waiting for a silence.
                return Conclude(unitId, candidate, out responseLength, responsePdu[..candidateLength]);
            }

            var wait = waitingForSilence && endSilence < remaining ? endSilence : remaining;
            if (wait <= TimeSpan.Zero)
            {
                if (haveCandidate)
                {
                    return Conclude(unitId, candidate, out responseLength, responsePdu[..candidateLength]);
                }

                if (crcSeen)
                {
                    return ModbusResult.Failure(ModbusErrorKind.Crc, unitId, $"CRC error in the answer from slave {unitId}");
                }

                var partial = filled;
                Statistics.AddDiscarded(filled);
                DrainLateAnswer();
                return ModbusResult.Failure(
                    ModbusErrorKind.Timeout,
                    unitId,
                    partial > 0
                        ? $"timeout: slave {unitId} sent an incomplete answer ({partial} bytes) within {timeout.TotalMilliseconds:0} ms"
                        : $"timeout: no answer from slave {unitId} within {timeout.TotalMilliseconds:0} ms");
            }

            var read = _transport.Read(_rx.AsSpan(filled), wait);
            if (read == 0)
            {
                if (waitingForSilence && wait < remaining)
                {
                    // t3.5 of silence after a frame: the frame stands (trailing noise, if any, is dropped).
                    Statistics.AddDiscarded(filled);
                    if (haveCandidate)
                    {
                        return Conclude(unitId, candidate, out responseLength, responsePdu[..candidateLength]);
                    }

                    return ModbusResult.Failure(ModbusErrorKind.Crc, unitId, $"CRC error in the answer from slave {unitId}");
                }

                continue;
            }

            _lastActivity = Stopwatch.GetTimestamp();
            Statistics.AddReceived(read);
            filled += read;

            while (filled > 0)
            {
                if (echoPending)
                {
                    var compare = Math.Min(filled, requestFrameLength);
                    if (_rx.AsSpan(0, compare).SequenceEqual(_tx.AsSpan(0, compare)))
                    {
                        if (filled < requestFrameLength)
                        {
                            break;
                        }

                        Shift(ref filled, requestFrameLength);
                    }

                    echoPending = false;
                    continue;
                }

                var frame = _framer.DecodeResponse(_rx.AsSpan(0, filled));
                if (frame.Status == FrameStatus.Incomplete)
                {
                    break;
                }

                if (frame.Status is FrameStatus.Garbage or FrameStatus.UnknownLength)
                {
                    var skip = Math.Max(1, frame.Length);
                    Statistics.AddDiscarded(skip);
                    Shift(ref filled, skip);
                    if (_framer.HasTransactionId)
                    {
                        // A TCP stream out of step cannot be resynchronised: renew the connection.
                        _transport.Close();
                        return ModbusResult.Failure(ModbusErrorKind.Mismatch, unitId, $"the answer from {_transport.Endpoint} is not Modbus TCP (bad MBAP header); reconnecting");
                    }

                    continue;
                }

                if (frame.Status == FrameStatus.CrcError)
                {
                    // It may be a real answer hit by noise, or noise that looked like a header: slide by one byte.
                    crcSeen = true;
                    Statistics.AddDiscarded(1);
                    Shift(ref filled, 1);
                    continue;
                }

                var pdu = _rx.AsSpan(frame.PduOffset, frame.PduLength);
                var ours = frame.UnitId == unitId && (!_framer.HasTransactionId || frame.TransactionId == transactionId);
                if (!ours)
                {
                    Statistics.AddStaleFrame();
                    Shift(ref filled, frame.Length);
                    continue;
                }

                if (haveCandidate)
                {
                    // Another answer followed the first within t3.5: the first was a late one.
                    Statistics.AddStaleFrame();
                }

                candidate = ModbusPdu.CheckResponse(requestPdu, pdu);
                pdu.CopyTo(responsePdu);
                responseLength = pdu.Length;
                candidateLength = pdu.Length;
                haveCandidate = true;
                crcSeen = false;
                Shift(ref filled, frame.Length);
                if (_framer.HasTransactionId)
                {
                    _answeredOnFrameBoundary = filled == 0;
                    return Conclude(unitId, candidate, out responseLength, responsePdu[..pdu.Length]);
                }
            }
        }
    }

    /// <summary>Whether the frame silences apply now: always on a line with timing, on a stream only while a late answer may come.</summary>
    private bool KeepsSilences => !_options.StreamFraming || _lateAnswerPossible;

    private static ModbusResult Conclude(byte unitId, ModbusResponseCheck check, out int responseLength, ReadOnlySpan<byte> responsePdu)
    {
        responseLength = responsePdu.Length;
        return check.Error switch
        {
            ModbusErrorKind.None => ModbusResult.Success(unitId),
            ModbusErrorKind.Exception => ModbusResult.Failure(ModbusErrorKind.Exception, unitId, ModbusSlaveException.Describe(unitId, check.ExceptionCode), check.ExceptionCode),
            _ => ModbusResult.Failure(check.Error, unitId, $"mismatch: slave {unitId} {check.Reason}"),
        };
    }

    /// <summary>After a timeout, listens to the line for the late-answer guard and drops whatever arrives.</summary>
    private void DrainLateAnswer()
    {
        if (_framer.HasTransactionId)
        {
            // Transaction ids tell late answers apart; nothing to wait for.
            return;
        }

        var guardEnd = Stopwatch.GetTimestamp() + ToTicks(_options.LateAnswerGuard);
        var heardAny = false;
        while (true)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), guardEnd);
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            var heard = _transport.Read(_rx, left);
            if (heard > 0)
            {
                heardAny = true;
                Statistics.AddDiscarded(heard);
                _lastActivity = Stopwatch.GetTimestamp();
            }
        }

        if (heardAny)
        {
            Statistics.AddStaleFrame();
        }
    }

    private void SleepListening(TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + ToTicks(duration);
        while (true)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            Statistics.AddDiscarded(_transport.Read(_rx, left));
        }
    }

    private void Shift(ref int filled, int count)
    {
        count = Math.Min(count, filled);
        _rx.AsSpan(count, filled - count).CopyTo(_rx);
        filled -= count;
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
