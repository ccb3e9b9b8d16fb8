using System.Diagnostics;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Slave;

/// <summary>
/// Serves one or more slave units over one transport (a serial line with RTU framing, or one TCP connection
/// with MBAP framing). Used by the simulator and by tests; protocol only, the transport does the I/O.
/// </summary>
public sealed class ModbusSlaveServer
{
    private readonly IModbusTransport _transport;
    private readonly IModbusFramer _framer;
    private readonly IReadOnlyDictionary<byte, IModbusSlaveDevice> _units;
    private readonly ModbusSlaveServerOptions _options;
    private readonly byte[] _rx = new byte[1024];
    private readonly byte[] _tx = new byte[512];

    public ModbusSlaveServer(IModbusTransport transport, IModbusFramer framer, IReadOnlyDictionary<byte, IModbusSlaveDevice> units, ModbusSlaveServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(framer);
        ArgumentNullException.ThrowIfNull(units);
        _transport = transport;
        _framer = framer;
        _units = units;
        _options = options ?? new ModbusSlaveServerOptions();
    }

    public ModbusSlaveStatistics Statistics { get; } = new();

    /// <summary>Serves until cancelled or until the transport fails (a TCP client left, a pty closed).</summary>
    /// <returns>The transport failure that ended the loop, or null when cancelled.</returns>
    public ModbusTransportException? Run(CancellationToken cancellationToken)
    {
        var filled = 0;
        var lastByte = Stopwatch.GetTimestamp();
        try
        {
            if (!_transport.IsOpen)
            {
                _transport.Open();
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = filled > 0 && !_framer.HasTransactionId ? _options.FrameSilence : _options.PollInterval;
                var read = _transport.Read(_rx.AsSpan(filled), wait);
                if (read == 0)
                {
                    if (filled > 0 && !_framer.HasTransactionId && Stopwatch.GetElapsedTime(lastByte) >= _options.FrameSilence)
                    {
                        // The line fell silent inside a frame: its end, for a function we cannot size, or a cut frame.
                        HandleSilence(filled);
                        filled = 0;
                    }

                    continue;
                }

                lastByte = Stopwatch.GetTimestamp();
                filled += read;
                filled = Consume(filled);
                if (filled == _rx.Length)
                {
                    Statistics.AddBadFrame();
                    filled = 0;
                }
            }

            return null;
        }
        catch (ModbusTransportException e)
        {
            return e;
        }
    }

    private int Consume(int filled)
    {
        while (filled > 0)
        {
            var frame = _framer.DecodeRequest(_rx.AsSpan(0, filled));
            switch (frame.Status)
            {
                case FrameStatus.Incomplete:
                case FrameStatus.UnknownLength:
                    return filled;
                case FrameStatus.Garbage:
                    Statistics.AddBadFrame();
                    return Shift(filled, Math.Max(1, frame.Length));
                case FrameStatus.CrcError:
                    // A slave stays silent on a bad CRC (the spec's rule), and the bytes are dropped.
                    Statistics.AddBadFrame();
                    filled = Shift(filled, frame.Length);
                    continue;
                default:
                    Serve(frame, _rx.AsSpan(frame.PduOffset, frame.PduLength));
                    filled = Shift(filled, frame.Length);
                    continue;
            }
        }

        return filled;
    }

    private void HandleSilence(int filled)
    {
        var burst = _rx.AsSpan(0, filled);
        if (filled >= 4 && ModbusCrc.IsValid(burst))
        {
            var frame = new FrameResult(FrameStatus.Complete, filled, burst[0], 0, 1, filled - 3);
            Serve(frame, burst.Slice(1, filled - 3));
            return;
        }

        Statistics.AddBadFrame();
    }

    private void Serve(FrameResult frame, ReadOnlySpan<byte> requestPdu)
    {
        Statistics.AddRequest();
        var unitId = frame.UnitId;
        var broadcast = unitId == 0 && !_framer.HasTransactionId;
        Span<byte> response = stackalloc byte[ModbusLimits.MaxPduLength];

        if (broadcast)
        {
            foreach (var device in _units.Values)
            {
                ModbusSlaveProcessor.Process(device, requestPdu, response);
            }

            Statistics.AddIgnored();
            return;
        }

        int length;
        if (!_units.TryGetValue(unitId, out var target))
        {
            if (!_framer.HasTransactionId)
            {
                // Another slave on the same bus is addressed.
                Statistics.AddIgnored();
                return;
            }

            if (_options.AnswerAnyUnitOnTcp && _units.Count > 0)
            {
                target = _units.Values.First();
            }
            else
            {
                length = ModbusSlaveProcessor.Exception(response, requestPdu[0], ModbusExceptionCode.GatewayTargetDeviceFailedToRespond);
                Send(frame, response[..length], corrupt: false);
                return;
            }
        }

        var fault = _options.Faults?.Decide(unitId, requestPdu) ?? SlaveFault.None;
        if (fault.Kind != SlaveFaultKind.None)
        {
            Statistics.AddFault();
        }

        switch (fault.Kind)
        {
            case SlaveFaultKind.NoAnswer:
                return;
            case SlaveFaultKind.Exception:
                length = ModbusSlaveProcessor.Exception(response, requestPdu[0], fault.ExceptionCode);
                Send(frame, response[..length], corrupt: false);
                return;
            case SlaveFaultKind.Slow:
                length = ModbusSlaveProcessor.Process(target, requestPdu, response);
                Thread.Sleep(fault.Delay);
                Send(frame, response[..length], corrupt: false);
                return;
            case SlaveFaultKind.BadCrc:
                length = ModbusSlaveProcessor.Process(target, requestPdu, response);
                Send(frame, response[..length], corrupt: true);
                return;
            default:
                length = ModbusSlaveProcessor.Process(target, requestPdu, response);
                Send(frame, response[..length], corrupt: false);
                return;
        }
    }

    private void Send(FrameResult request, ReadOnlySpan<byte> responsePdu, bool corrupt)
    {
        var length = _framer.Encode(_tx, request.UnitId, request.TransactionId, responsePdu);
        if (corrupt)
        {
            _tx[length - 1] ^= 0x5A;
        }

        _transport.Write(_tx.AsSpan(0, length));
        Statistics.AddAnswered();
    }

    private int Shift(int filled, int count)
    {
        count = Math.Min(count, filled);
        _rx.AsSpan(count, filled - count).CopyTo(_rx);
        return filled - count;
    }
}
