namespace EdgeGateway.Modbus.Client;

/// <summary>
/// Counters of one master, written by the bus thread and read by anyone (status, metrics), hence Interlocked.
/// Each attempt counts once under its outcome.
/// </summary>
public sealed class ModbusMasterStatistics
{
    private long _requests;
    private long _answers;
    private long _timeouts;
    private long _crcErrors;
    private long _exceptions;
    private long _mismatches;
    private long _transportErrors;
    private long _staleFrames;
    private long _discardedBytes;
    private long _bytesSent;
    private long _bytesReceived;

    public long Requests => Interlocked.Read(ref _requests);

    public long Answers => Interlocked.Read(ref _answers);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public long CrcErrors => Interlocked.Read(ref _crcErrors);

    public long Exceptions => Interlocked.Read(ref _exceptions);

    public long Mismatches => Interlocked.Read(ref _mismatches);

    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    /// <summary>Well-formed frames that were not the answer to the request in flight (late, foreign, superseded).</summary>
    public long StaleFrames => Interlocked.Read(ref _staleFrames);

    /// <summary>Bytes thrown away: noise, partial frames, anything heard while the line should have been quiet.</summary>
    public long DiscardedBytes => Interlocked.Read(ref _discardedBytes);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    internal void AddRequest(int bytes)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void AddReceived(int bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void AddDiscarded(int bytes)
    {
        if (bytes > 0)
        {
            Interlocked.Add(ref _discardedBytes, bytes);
        }
    }

    internal void AddStaleFrame() => Interlocked.Increment(ref _staleFrames);

    internal void AddOutcome(Protocol.ModbusErrorKind kind)
    {
        switch (kind)
        {
            case Protocol.ModbusErrorKind.None:
                Interlocked.Increment(ref _answers);
                break;
            case Protocol.ModbusErrorKind.Timeout:
                Interlocked.Increment(ref _timeouts);
                break;
            case Protocol.ModbusErrorKind.Crc:
                Interlocked.Increment(ref _crcErrors);
                break;
            case Protocol.ModbusErrorKind.Exception:
                Interlocked.Increment(ref _answers);
                Interlocked.Increment(ref _exceptions);
                break;
            case Protocol.ModbusErrorKind.Mismatch:
                Interlocked.Increment(ref _mismatches);
                break;
            case Protocol.ModbusErrorKind.Transport:
                Interlocked.Increment(ref _transportErrors);
                break;
        }
    }
}
